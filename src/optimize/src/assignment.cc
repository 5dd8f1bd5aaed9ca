// Min-cost assignment with driver slots: successive shortest augmenting paths (Dijkstra on
// reduced costs with node potentials, stopped at the first driver with a free slot).
#include "reskflow/optimize/assignment.h"

#include <algorithm>
#include <queue>
#include "text.h"

namespace reskflow::optimize {
namespace {

struct Arc {
  std::uint32_t driver;
  Cost cost;
};

class FlowSolver {
 public:
  explicit FlowSolver(const AssignmentProblem& problem);
  void augment_from(std::size_t delivery);
  AssignmentResult result() const;

 private:
  // Nodes: deliveries [0, n), drivers [n, n + m), the "unassigned" sink n + m.
  [[nodiscard]] std::size_t driver_node(std::size_t d) const { return n_ + d; }
  void relax(std::size_t from, std::size_t to, Cost reduced, Cost edge_cost);
  void settle_path(std::size_t target);

  const AssignmentProblem& problem_;
  std::size_t n_;
  std::size_t m_;
  std::size_t sink_;
  std::vector<std::size_t> first_arc_;  // CSR over deliveries
  std::vector<Arc> arcs_;
  std::vector<Cost> potential_;
  std::vector<Cost> dist_;
  std::vector<std::uint32_t> stamp_;
  std::vector<std::uint8_t> done_;
  std::vector<std::size_t> parent_;    // previous node on the shortest path
  std::vector<Cost> parent_cost_;      // cost of the arc from the parent
  std::vector<std::size_t> assigned_;  // per delivery: driver node or sink, no_index if none
  std::vector<Cost> assigned_cost_;
  std::vector<std::vector<std::uint32_t>> served_;  // per driver: its deliveries
  std::vector<std::size_t> settled_;
  std::uint32_t round_ = 0;
  using Entry = std::pair<Cost, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap_;
};

FlowSolver::FlowSolver(const AssignmentProblem& problem)
    : problem_(problem),
      n_(problem.delivery_count),
      m_(problem.driver_slots.size()),
      sink_(n_ + m_) {
  first_arc_.assign(n_ + 1, 0);
  for (const auto& e : problem.edges) ++first_arc_[e.delivery + 1];
  for (std::size_t i = 0; i < n_; ++i) first_arc_[i + 1] += first_arc_[i];
  arcs_.assign(problem.edges.size(), Arc{0, 0});
  std::vector<std::size_t> fill(first_arc_.begin(), first_arc_.end() - 1);
  for (const auto& e : problem.edges)
    arcs_[fill[e.delivery]++] = Arc{static_cast<std::uint32_t>(e.driver), e.cost};
  const std::size_t nodes = n_ + m_ + 1;
  potential_.assign(nodes, 0);
  dist_.assign(nodes, 0);
  stamp_.assign(nodes, 0);
  done_.assign(nodes, 0);
  parent_.assign(nodes, no_index);
  parent_cost_.assign(nodes, 0);
  assigned_.assign(n_, no_index);
  assigned_cost_.assign(n_, 0);
  served_.resize(m_);
}

void FlowSolver::relax(std::size_t from, std::size_t to, Cost reduced, Cost edge_cost) {
  const Cost nd = dist_[from] + reduced;
  if (stamp_[to] != round_) {
    stamp_[to] = round_;
    done_[to] = 0;
  } else if (done_[to] != 0 || nd >= dist_[to]) {
    return;
  }
  dist_[to] = nd;
  parent_[to] = from;
  parent_cost_[to] = edge_cost;
  heap_.emplace(nd, to);
}

void FlowSolver::augment_from(std::size_t source) {
  ++round_;
  heap_ = {};
  settled_.clear();
  stamp_[source] = round_;
  done_[source] = 0;
  dist_[source] = 0;
  parent_[source] = no_index;
  heap_.emplace(0, source);
  while (!heap_.empty()) {
    const auto [d, u] = heap_.top();
    heap_.pop();
    if (done_[u] != 0 || d != dist_[u]) continue;
    done_[u] = 1;
    settled_.push_back(u);
    if (u == sink_) return settle_path(u);
    if (u >= n_) {  // a driver: free slot ends the search, else walk back to its deliveries
      const std::size_t driver = u - n_;
      if (served_[driver].size() < problem_.driver_slots[driver]) return settle_path(u);
      for (const std::uint32_t i : served_[driver]) {
        relax(u, i, -assigned_cost_[i] + potential_[u] - potential_[i], -assigned_cost_[i]);
      }
      continue;
    }
    for (std::size_t a = first_arc_[u]; a < first_arc_[u + 1]; ++a) {
      const std::size_t to = driver_node(arcs_[a].driver);
      if (assigned_[u] == to) continue;
      relax(u, to, arcs_[a].cost + potential_[u] - potential_[to], arcs_[a].cost);
    }
    if (assigned_[u] != sink_) {
      relax(u, sink_, problem_.unassigned_cost + potential_[u] - potential_[sink_],
            problem_.unassigned_cost);
    }
  }
}

// Updates potentials of settled nodes and flips the path: each delivery on it moves to the
// next driver.
void FlowSolver::settle_path(std::size_t target) {
  const Cost total = dist_[target];
  for (const std::size_t v : settled_) potential_[v] += dist_[v] - total;
  std::size_t node = target;
  for (;;) {
    const std::size_t delivery = parent_[node];
    const std::size_t old = assigned_[delivery];
    if (old != no_index && old != sink_) {
      std::erase(served_[old - n_], static_cast<std::uint32_t>(delivery));
    }
    if (node != sink_) served_[node - n_].push_back(static_cast<std::uint32_t>(delivery));
    assigned_[delivery] = node;
    assigned_cost_[delivery] = parent_cost_[node];
    if (parent_[delivery] == no_index) break;
    node = parent_[delivery];
  }
}

AssignmentResult FlowSolver::result() const {
  AssignmentResult r;
  r.driver_of.assign(n_, no_index);
  for (std::size_t i = 0; i < n_; ++i) {
    if (assigned_[i] != sink_ && assigned_[i] != no_index) {
      r.driver_of[i] = assigned_[i] - n_;
      ++r.assigned;
    }
    r.cost += assigned_cost_[i];
  }
  return r;
}

}  // namespace

std::expected<AssignmentResult, Error> solve_assignment(const AssignmentProblem& problem) {
  for (const auto& e : problem.edges) {
    if (e.delivery >= problem.delivery_count || e.driver >= problem.driver_slots.size() ||
        e.cost < 0 || e.cost > cost_max / 4) {
      return std::unexpected(
          Error{ErrorCode::invalid_input,
                format_text("bad edge {} -> {} (cost {})", e.delivery, e.driver, e.cost)});
    }
  }
  if (problem.unassigned_cost < 0) {
    return std::unexpected(Error{ErrorCode::invalid_input, "negative unassigned cost"});
  }
  FlowSolver solver(problem);
  for (std::size_t i = 0; i < problem.delivery_count; ++i) solver.augment_from(i);
  return solver.result();
}

}  // namespace reskflow::optimize
