// Benchmark of the route solver on the 56 Solomon instances and the Li & Lim sample (gap to
// best-known distance, one thread, fixed time per instance), plus assignment timing. The public
// instances are not in the repository: they are read from RESKFLOW_BENCH_DATA (or --data).
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "assignment_instance.h"
#include "reskflow/optimize/assignment.h"
#include "reskflow/optimize/checker.h"
#include "reskflow/optimize/instance_io.h"
#include "reskflow/optimize/route_solver.h"

namespace {

namespace fs = std::filesystem;
namespace opt = reskflow::optimize;

struct Args {
  std::string data;  // the root holding solomon/ and lilim-sample/
  std::string lilim;
  double time_limit_s = 1.0;
  double lilim_time_limit_s = 0.0;
  std::uint64_t seed = 1;
  unsigned threads = 1;
  std::string only;
  bool skip_solomon = false;
  bool skip_lilim = false;
  bool skip_assignment = false;
  opt::SearchParameters search;
};

struct Known {
  double distance = 0.0;
  int vehicles = 0;
};

// bks.csv: instance, then (vehicles, distance) column pairs; take the pair at `pair_index`.
std::map<std::string, Known> read_bks(const fs::path& path, std::size_t pair_index) {
  std::map<std::string, Known> out;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    const std::size_t v = 1 + 2 * pair_index;
    if (cells.size() > v + 1) out[cells[0]] = Known{std::stod(cells[v + 1]), std::stoi(cells[v])};
  }
  return out;
}

// "RC105" -> "RC1": the letters and the first digit name the class.
std::string class_of(const std::string& name) {
  std::size_t k = 0;
  while (k < name.size() && std::isalpha(static_cast<unsigned char>(name[k])) != 0) ++k;
  return name.substr(0, std::min(name.size(), k + 1));
}

double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

double mean(const std::vector<double>& v) {
  double s = 0.0;
  for (const double x : v) s += x;
  return v.empty() ? 0.0 : s / static_cast<double>(v.size());
}

struct Row {
  std::string name;
  double distance;
  std::size_t vehicles;
  double gap;
};

std::vector<fs::path> instances(const fs::path& dir, const std::string& only) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto& p = entry.path();
    if (p.extension() == ".txt" && p.stem().string().find(only) != std::string::npos)
      files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Solves each instance and prints one line; returns rows for the summary.
std::vector<Row> run_set(const fs::path& dir, const std::map<std::string, Known>& bks,
                         double seconds, const Args& args, bool& all_ok) {
  std::vector<Row> rows;
  std::printf("%-8s %10s %5s %10s %5s %8s %8s\n", "instance", "distance", "veh", "bks", "veh",
              "gap%", "iters");
  for (const fs::path& file : instances(dir, args.only)) {
    auto problem = opt::read_instance_file(file);
    const std::string name = file.stem().string();
    if (!problem) {
      std::printf("%-8s error: %s\n", name.c_str(), problem.error().message.c_str());
      all_ok = false;
      continue;
    }
    opt::SolveOptions options;
    options.time_limit = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
    options.seed = args.seed;
    options.threads = args.threads;
    options.search = args.search;
    const auto solved = opt::solve_routes(*problem, options);
    if (!solved) {
      std::printf("%-8s error: %s\n", name.c_str(), solved.error().message.c_str());
      all_ok = false;
      continue;
    }
    const opt::SolveResult& result = *solved;
    const opt::CheckReport report = opt::check_solution(*problem, result.solution, true);
    const double distance = opt::solution_distance(*problem, result.solution);
    const auto known = bks.find(name);
    const double best = known == bks.end() ? 0.0 : known->second.distance;
    const double gap = best > 0 ? 100.0 * (distance - best) / best : 0.0;
    std::printf("%-8s %10.2f %5zu %10.2f %5d %8.2f %8llu%s\n", name.c_str(), distance,
                result.solution.routes.size(), best,
                known == bks.end() ? 0 : known->second.vehicles, gap,
                static_cast<unsigned long long>(result.stats.iterations),
                report.feasible() ? "" : "  INFEASIBLE");
    std::fflush(stdout);
    if (!report.feasible()) all_ok = false;
    rows.push_back(Row{name, distance, result.solution.routes.size(), gap});
  }
  return rows;
}

void print_summary(const std::vector<Row>& rows) {
  std::map<std::string, std::vector<double>> by_class;
  std::vector<double> all;
  const Row* worst = nullptr;
  std::size_t at_best = 0;
  for (const Row& r : rows) {
    by_class[class_of(r.name)].push_back(r.gap);
    all.push_back(r.gap);
    if (worst == nullptr || r.gap > worst->gap) worst = &r;
    if (r.gap <= 0.005) ++at_best;
  }
  std::printf("\n%-8s %5s %9s %9s %9s\n", "class", "n", "avg gap%", "median%", "max%");
  for (const auto& [name, gaps] : by_class) {
    std::printf("%-8s %5zu %9.2f %9.2f %9.2f\n", name.c_str(), gaps.size(), mean(gaps),
                median(gaps), *std::max_element(gaps.begin(), gaps.end()));
  }
  if (!all.empty()) {
    std::printf("%-8s %5zu %9.2f %9.2f %9.2f  (worst %s, %zu at or below best-known)\n", "all",
                all.size(), mean(all), median(all), worst->gap, worst->name.c_str(), at_best);
  }
}

void run_assignment() {
  const auto instance = reskflow::bench::make_assignment_instance(5000, 10000, 42);
  const opt::GreatCircleModel model;
  std::vector<double> build_ms, solve_ms;
  std::size_t assigned = 0;
  for (int round = 0; round < 5; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto problem =
        opt::build_assignment_problem(instance.deliveries, instance.drivers, model, {});
    const auto t1 = std::chrono::steady_clock::now();
    const auto result = opt::solve_assignment(problem);
    const auto t2 = std::chrono::steady_clock::now();
    build_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    solve_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    assigned = result ? result->assigned : 0;
  }
  std::printf(
      "\nassignment 5000 x 10000, k = 20: candidate graph %.1f ms, matching %.1f ms, "
      "total %.1f ms (median of 5), %zu assigned\n",
      median(build_ms), median(solve_ms), median(build_ms) + median(solve_ms), assigned);
}

constexpr const char* missing_data_help =
    R"(The route benchmark needs the public instances, which are not part of this repository.
Point RESKFLOW_BENCH_DATA (or --data) at a directory laid out as:
  solomon/       the 56 Solomon (1987) VRPTW instances with 100 customers, C101.txt ... RC208.txt,
                 in Solomon's text format, and bks.csv with the columns
                 instance,bks_vehicles,bks_distance,distance_only_vehicles,distance_only_distance
  lilim-sample/  Li & Lim (2003) PDPTW instances with about 100 tasks (lc101.txt, lr201.txt, ...)
                 in Li & Lim's text format, and bks.csv with instance,bks_vehicles,bks_distance
Both sets are published by SINTEF (https://www.sintef.no/projectweb/top/vrptw/ and .../pdptw/)
with their best-known solutions, and re-hosted with bks.csv files by the VROOM project's
vroom-scripts repository (https://github.com/VROOM-Project/vroom-scripts). See bench/README.md.
)";

// --data, else $RESKFLOW_BENCH_DATA, else ../shared/data beside the repository when it exists.
fs::path data_root(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("RESKFLOW_BENCH_DATA"); env != nullptr && *env != '\0')
    return env;
  return fs::path(RESKFLOW_REPOSITORY_ROOT) / ".." / "shared" / "data";
}

// True when `dir` holds instances; otherwise says what is missing and how to provide it.
bool have_instances(const fs::path& dir) {
  std::error_code error;
  if (fs::is_directory(dir, error) && fs::exists(dir / "bks.csv", error)) return true;
  std::fprintf(stderr, "solomon_bench: %s: no such directory with bks.csv\n\n%s",
               dir.string().c_str(), missing_data_help);
  return false;
}

constexpr int missing_data_exit_code = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Route solver benchmark on Solomon and Li & Lim instances"};
  Args args;
  app.add_option("--data", args.data,
                 "Root of the instances, with solomon/ and lilim-sample/ (default: "
                 "$RESKFLOW_BENCH_DATA, else ../shared/data beside the repository)");
  app.add_option("--lilim", args.lilim, "Li & Lim directory (default: <data>/lilim-sample)");
  app.add_option("--time-limit", args.time_limit_s, "Seconds per Solomon instance");
  app.add_option("--lilim-time-limit", args.lilim_time_limit_s, "Seconds per Li & Lim instance");
  app.add_option("--seed", args.seed, "Random seed");
  app.add_option("--threads", args.threads, "Threads per instance");
  app.add_option("--only", args.only, "Only instances whose name contains this");
  app.add_option("--temperature-start", args.search.temperature_start, "x average arc cost");
  app.add_option("--temperature-end", args.search.temperature_end, "x average arc cost");
  app.add_option("--removed-average", args.search.removed_average, "SISR c-bar");
  app.add_option("--split-depth", args.search.split_depth, "SISR split depth");
  app.add_option("--blink-rate", args.search.blink_rate, "SISR blink rate");
  app.add_flag("--skip-solomon", args.skip_solomon);
  app.add_flag("--skip-lilim", args.skip_lilim);
  app.add_flag("--skip-assignment", args.skip_assignment);
  CLI11_PARSE(app, argc, argv);
  const fs::path root = data_root(args.data);
  const fs::path solomon = root / "solomon";
  const fs::path lilim = args.lilim.empty() ? root / "lilim-sample" : fs::path(args.lilim);
  if ((!args.skip_solomon && !have_instances(solomon)) ||
      (!args.skip_lilim && !have_instances(lilim))) {
    return missing_data_exit_code;
  }
  bool all_ok = true;
  if (!args.skip_solomon) {
    std::printf("Solomon, %.1f s per instance, %u thread(s), gap to distance-only best-known\n",
                args.time_limit_s, args.threads);
    print_summary(
        run_set(solomon, read_bks(solomon / "bks.csv", 1), args.time_limit_s, args, all_ok));
  }
  if (!args.skip_lilim) {
    const double seconds =
        args.lilim_time_limit_s > 0 ? args.lilim_time_limit_s : args.time_limit_s;
    std::printf(
        "\nLi & Lim, %.1f s per instance, gap to best-known distance (which minimises vehicles "
        "first)\n",
        seconds);
    print_summary(run_set(lilim, read_bks(lilim / "bks.csv", 0), seconds, args, all_ok));
  }
  if (!args.skip_assignment) run_assignment();
  return all_ok ? 0 : 1;
}
