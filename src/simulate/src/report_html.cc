// The report as a small self-contained HTML page (docs/simulator.md, "The report"): the run over
// time, what became of the orders, minutes to the door by percentile, the ETA error per hour,
// courier utilisation and API latency per route, drawn as inline SVG, so the page fetches
// nothing and opens from disk.
#include <algorithm>
#include <array>
#include <cstdio>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "simulation.h"

namespace reskflow::simulate {
namespace {

constexpr int chart_width = 720;
constexpr int chart_height = 260;
constexpr int margin_left = 64;
constexpr int margin_bottom = 36;
constexpr int margin_top = 28;
constexpr int bar_height = 18;
constexpr int label_width = 300;
constexpr std::size_t routes_shown_max = 25;  // the busiest

std::string escape(std::string_view text) {
  std::string out;
  for (const char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string number(double value) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), value >= 100 ? "%.0f" : "%.1f", value);
  return text.data();
}

struct Series {
  std::string name;
  std::string colour;
  std::vector<std::pair<double, double>> points;  // (x, y)
};

// Lines over a shared x axis from 0 and a y axis from 0, with the maxima labelled.
std::string line_chart(const std::string& title, const std::string& x_unit,
                       const std::string& y_unit, const std::vector<Series>& series) {
  double x_max = 0;
  double y_max = 0;
  for (const auto& s : series)
    for (const auto& [x, y] : s.points) {
      x_max = std::max(x_max, x);
      y_max = std::max(y_max, y);
    }
  if (x_max <= 0) x_max = 1;
  if (y_max <= 0) y_max = 1;
  const double plot_w = chart_width - margin_left - 16;
  const double plot_h = chart_height - margin_top - margin_bottom;
  std::ostringstream svg;
  svg << "<h2>" << escape(title) << "</h2>\n<svg width=\"" << chart_width << "\" height=\""
      << chart_height << "\" role=\"img\" aria-label=\"" << escape(title) << "\">\n"
      << "<line x1=\"" << margin_left << "\" y1=\"" << margin_top + plot_h << "\" x2=\""
      << margin_left + plot_w << "\" y2=\"" << margin_top + plot_h << "\" class=\"axis\"/>"
      << "<line x1=\"" << margin_left << "\" y1=\"" << margin_top << "\" x2=\"" << margin_left
      << "\" y2=\"" << margin_top + plot_h << "\" class=\"axis\"/>\n"
      << "<text x=\"" << margin_left - 6 << "\" y=\"" << margin_top + 4 << "\" text-anchor=\"end\">"
      << number(y_max) << "</text>"
      << "<text x=\"" << margin_left - 6 << "\" y=\"" << margin_top + plot_h
      << "\" text-anchor=\"end\">0</text>"
      << "<text x=\"" << margin_left + plot_w << "\" y=\"" << chart_height - 12
      << "\" text-anchor=\"end\">" << number(x_max) << " " << escape(x_unit) << "</text>"
      << "<text x=\"" << 4 << "\" y=\"" << margin_top - 10 << "\">" << escape(y_unit)
      << "</text>\n";
  int legend_x = margin_left + 8;
  for (const auto& s : series) {
    svg << "<polyline fill=\"none\" stroke=\"" << s.colour << "\" stroke-width=\"2\" points=\"";
    for (const auto& [x, y] : s.points)
      svg << number(margin_left + x / x_max * plot_w) << ','
          << number(margin_top + plot_h - y / y_max * plot_h) << ' ';
    svg << "\"/><text x=\"" << legend_x << "\" y=\"" << margin_top - 10 << "\" fill=\"" << s.colour
        << "\">" << escape(s.name) << "</text>\n";
    legend_x += 24 + static_cast<int>(s.name.size()) * 8;
  }
  svg << "</svg>\n";
  return svg.str();
}

// One horizontal bar per row, scaled to the largest value; each labelled with its value.
std::string bar_chart(const std::string& title, const std::string& unit,
                      const std::vector<std::pair<std::string, double>>& rows) {
  double max = 0;
  for (const auto& [label, value] : rows) max = std::max(max, value);
  if (max <= 0) max = 1;
  const int height = static_cast<int>(rows.size()) * (bar_height + 4) + 8;
  const double bar_w = chart_width - label_width - 80;
  std::ostringstream svg;
  svg << "<h2>" << escape(title) << "</h2>\n<svg width=\"" << chart_width << "\" height=\""
      << height << "\" role=\"img\" aria-label=\"" << escape(title) << "\">\n";
  int y = 4;
  for (const auto& [label, value] : rows) {
    svg << "<text x=\"" << label_width - 6 << "\" y=\"" << y + bar_height - 5
        << "\" text-anchor=\"end\">" << escape(label) << "</text><rect x=\"" << label_width
        << "\" y=\"" << y << "\" width=\"" << number(std::max(1.0, value / max * bar_w))
        << "\" height=\"" << bar_height << "\" class=\"bar\"/><text x=\""
        << number(label_width + value / max * bar_w + 6) << "\" y=\"" << y + bar_height - 5 << "\">"
        << number(value) << " " << escape(unit) << "</text>\n";
    y += bar_height + 4;
  }
  svg << "</svg>\n";
  return svg.str();
}

std::string timeline_chart(const Stats& s) {
  Series placed{"placed", "#1f77b4", {}};
  Series delivered{"delivered", "#2ca02c", {}};
  Series in_flight{"visits under way", "#ff7f0e", {}};
  Series busy{"couriers on an order", "#9467bd", {}};
  for (const auto& sample : s.timeline.samples()) {
    placed.points.emplace_back(sample.real_s, static_cast<double>(sample.placed));
    delivered.points.emplace_back(sample.real_s, static_cast<double>(sample.delivered));
    in_flight.points.emplace_back(sample.real_s, static_cast<double>(sample.in_flight));
    busy.points.emplace_back(sample.real_s, static_cast<double>(sample.couriers_busy));
  }
  return line_chart("The run over time", "s (real)", "count", {placed, delivered, in_flight, busy});
}

std::string delivery_chart(const Stats& s) {
  Series minutes{"minutes to the door", "#d62728", {}};
  for (int p = 1; p <= 100; ++p)
    minutes.points.emplace_back(p,
                                static_cast<double>(s.delivery_minutes_x100.percentile(p)) / 100);
  return line_chart("Minutes from checkout to the door, by percentile", "th percentile",
                    "minutes (simulated)", {minutes});
}

std::string eta_chart(const Stats& s) {
  std::vector<std::pair<std::string, double>> rows;
  for (const auto& [hour, h] : s.eta_error_s_by_hour)
    rows.emplace_back(std::to_string(hour) + ":00 (" + std::to_string(h.count()) + ")", h.mean());
  return bar_chart("ETA error at pickup, mean per simulated hour (deliveries)", "s", rows);
}

std::string utilisation_chart(const Stats& s) {
  Series share{"share of time on shift with a delivery", "#8c564b", {}};
  for (int p = 1; p <= 100; ++p)
    share.points.emplace_back(
        p, static_cast<double>(s.courier_utilisation_permille.percentile(p)) / 10);
  return line_chart("Courier utilisation, couriers by percentile", "th percentile", "%", {share});
}

std::string routes_chart(const Stats& s) {
  std::vector<std::pair<const std::string*, const RouteStats*>> busiest;
  for (const auto& [route, r] : s.routes) busiest.emplace_back(&route, &r);
  std::ranges::sort(busiest, [](const auto& a, const auto& b) {
    return a.second->latency_us.count() > b.second->latency_us.count();
  });
  if (busiest.size() > routes_shown_max) busiest.resize(routes_shown_max);
  std::vector<std::pair<std::string, double>> rows;
  for (const auto& [route, r] : busiest)
    rows.emplace_back(*route, static_cast<double>(r->latency_us.percentile(99)) / 1000);
  return bar_chart(
      "API latency p99 per route (the busiest " + std::to_string(routes_shown_max) + ")", "ms",
      rows);
}

}  // namespace

std::string html_path_of(const std::string& json_path) {
  if (json_path.ends_with(".json")) return json_path.substr(0, json_path.size() - 5) + ".html";
  return json_path + ".html";
}

std::string report_html(const ReportContext& c) {
  const auto& s = c.stats;
  std::ostringstream page;
  page << "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       << "<title>ReskFlow city simulation: " << escape(c.scenario.name) << "</title>\n"
       << "<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
       << "svg{font:12px system-ui,sans-serif;display:block;margin-bottom:12px}"
       << ".axis{stroke:#888}.bar{fill:#1f77b4}pre{background:#f4f4f4;padding:12px}</style>"
       << "</head><body>\n<h1>City simulation: " << escape(c.scenario.name) << ", seed "
       << c.options.seed << "</h1>\n";
  page << timeline_chart(s);
  page << bar_chart("What became of the orders", "",
                    {{"delivered", static_cast<double>(s.orders_delivered)},
                     {"failed at the door", static_cast<double>(s.orders_failed)},
                     {"rejected", static_cast<double>(s.orders_rejected)},
                     {"cancelled", static_cast<double>(s.orders_cancelled)},
                     {"lost", static_cast<double>(s.orders_lost)}});
  page << delivery_chart(s) << eta_chart(s) << utilisation_chart(s) << routes_chart(s);
  page << "<h2>The text report</h2>\n<pre>" << escape(report_text(c)) << "</pre>\n"
       << "</body></html>\n";
  return page.str();
}

}  // namespace reskflow::simulate
