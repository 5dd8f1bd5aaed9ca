#!/usr/bin/env python3
"""The project's mechanical rules (STYLE.md): function and line length, banned calls, no
cross-module relative includes, no leftover FIXME. Exits non-zero listing every violation."""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = ("src", "tests", "bench", "fuzz")
LINE_CHARS_MAX = 100
FUNCTION_LINES_MAX = 70

# (pattern, where it is banned, the replacement to name)
BANNED = [
    (re.compile(r"\b(std::)?s?rand\s*\("), "all", "a seeded std::mt19937_64 or a CSPRNG"),
    (re.compile(r"\bstd::cout\b"), "server", "reskflow::log (structured logs)"),
    (re.compile(r"\b(std::this_thread::sleep_for|sleep|usleep)\s*\("), "tests",
     "a condition variable, a deadline or an injected clock"),
    (re.compile(r'#include\s+"\.\./'), "all", "the other module's public header"),
    (re.compile(r"\bFIXME\b"), "all", "finishing the work or filing an issue"),
    (re.compile(r"\bnew\s+[A-Za-z_:<>]+\s*[\(\{\[]"), "src", "std::make_unique"),
    (re.compile(r"\bboost::json::serialize\b"), "src-code",
     "json::serialize (reskflow/core/json_text.h: doubles as the shortest decimal)"),
]

# Tests and their fixtures, which "src-code" rules leave alone.
TEST_CODE = re.compile(r"(_test\.cc|test_fixture\.h)$|/testing/")

FUNCTION_START = re.compile(
    r"^(?:[\w:<>,&*\s~\[\]]+\s)?[\w:~<>]+\s*\([^;]*\)\s*(?:const\s*)?(?:noexcept\s*)?"
    r"(?:override\s*)?(?:->\s*[\w:<>,\s&*]+)?\s*(?::[^;]*)?\{\s*$")
NOT_FUNCTION = re.compile(r"^\s*(if|for|while|switch|catch|namespace|class|struct|enum|do)\b")


def files():
    for top in SOURCES:
        base = ROOT / top
        if not base.exists():
            continue
        for path in base.rglob("*"):
            if path.suffix in (".cc", ".h") and "node_modules" not in path.parts:
                yield path


def check_functions(path, lines, problems):
    depth = 0
    start = None
    start_depth = 0
    for number, line in enumerate(lines, 1):
        code = re.sub(r'"(\\.|[^"\\])*"', '""', line).split("//")[0]
        if start is None and FUNCTION_START.match(code) and not NOT_FUNCTION.match(code):
            start, start_depth = number, depth
        depth += code.count("{") - code.count("}")
        if start is not None and depth <= start_depth:
            length = number - start + 1
            if length > FUNCTION_LINES_MAX:
                problems.append(f"{path}:{start}: function is {length} lines "
                                f"(max {FUNCTION_LINES_MAX}); split it")
            start = None


def check_file(path, problems):
    rel = path.relative_to(ROOT)
    area = rel.parts[0]
    if area == "src" and rel.parts[1] != "app":
        area = "server"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if len(line) > LINE_CHARS_MAX:
            problems.append(f"{rel}:{number}: line is {len(line)} chars (max {LINE_CHARS_MAX})")
        for pattern, where, instead in BANNED:
            if where == "src-code":
                if rel.parts[0] != "src" or TEST_CODE.search(rel.as_posix()):
                    continue
            elif where not in ("all", area) and not (where == "src" and area == "server"):
                continue
            if pattern.search(line.split("//")[0] if "FIXME" not in pattern.pattern else line):
                problems.append(f"{rel}:{number}: banned `{pattern.pattern}`; use {instead}")
    if lines and not lines[0].startswith("//"):
        problems.append(f"{rel}:1: start the file with a comment saying what it is for")
    check_functions(rel, lines, problems)


def main():
    problems = []
    for path in sorted(files()):
        check_file(path, problems)
    for p in problems:
        print(p)
    print(f"tidy: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
