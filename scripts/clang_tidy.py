#!/usr/bin/env python3
"""Runs clang-tidy-19 (.clang-tidy) on the project's sources listed in BUILD_DIR's
compile_commands.json, two processes at a time.

Sources built with the same flags in the same folder are checked together, up to GROUP_SIZE at a
time, as one translation unit that includes them: the Boost and standard headers that every source
includes are then parsed and matched once per group instead of once per file, which takes about a
third of the time. A group whose unit does not compile cleanly (two of its sources define the same
internal name, or a name in one shadows another's) is checked source by source. One thing a grouped
run can miss: a using-declaration unused in its own file but used by a later file of the group.
"""
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys

GROUP_SIZE = 10
TIDY = ["clang-tidy-19", "--quiet", "--extra-arg=-Wno-deprecated-declarations"]


def project_entries(build):
    """compile_commands entries of the project's sources, without GCC-only flags."""
    entries = json.load(open(os.path.join(build, "compile_commands.json")))
    for entry in entries:
        path = entry["file"]
        if "/build/" in path or path.endswith("_test.cc"):
            continue
        command = re.sub(r"-include \S+cmake_pch\.hxx", "", entry["command"])
        command = command.replace("-Winvalid-pch", "").replace("-Wno-restrict", "")
        yield dict(entry, command=command)


def groups_of(entries):
    """Sources under src/, grouped by folder and flags (the object file and source left out)."""
    by_key = collections.defaultdict(list)
    for entry in entries:
        if "/src/" not in entry["file"]:
            continue
        flags = re.sub(r"-o \S+", "", entry["command"]).replace(entry["file"], "")
        by_key[(os.path.dirname(entry["file"]), flags)].append(entry)
    groups = []
    for members in by_key.values():
        members.sort(key=lambda entry: entry["file"])
        groups += [members[i:i + GROUP_SIZE] for i in range(0, len(members), GROUP_SIZE)]
    return sorted(groups, key=len, reverse=True)


def unity_entry(tidy_dir, index, members):
    """Writes the translation unit that includes MEMBERS and returns its compile command."""
    path = os.path.abspath(os.path.join(tidy_dir, "unity", f"group_{index}.cc"))
    with open(path, "w") as out:
        out.writelines(f'#include "{member["file"]}"\n' for member in members)
    first = members[0]
    return dict(first, file=path, command=first["command"].replace(first["file"], path))


def tidy(tidy_dir, files, extra=()):
    """Runs clang-tidy; returns its exit code and its findings (without clang's warning counts)."""
    run = subprocess.run([*TIDY, *extra, "-p", tidy_dir, *files], capture_output=True, text=True)
    output = re.sub(r"^\d+ warnings? generated\.\n", "", run.stdout + run.stderr, flags=re.M)
    return run.returncode, output


def check_group(tidy_dir, members, unity):
    """Checks one group; returns (ok, output)."""
    if unity is None:
        code, output = tidy(tidy_dir, [members[0]["file"]])
        return code == 0, output
    code, output = tidy(tidy_dir, [unity["file"]], ["--checks=-bugprone-suspicious-include"])
    if code == 0 or "[clang-diagnostic-" not in output:
        return code == 0, output
    folder = os.path.dirname(members[0]["file"])
    note = f"clang_tidy.py: {folder}: sources clash when grouped; checked one by one\n"
    results = [tidy(tidy_dir, [member["file"]]) for member in members]
    return all(code == 0 for code, _ in results), note + "".join(out for _, out in results)


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build/debug"
    tidy_dir = os.path.join(build, "clang-tidy")
    os.makedirs(os.path.join(tidy_dir, "unity"), exist_ok=True)
    entries = list(project_entries(build))
    groups = groups_of(entries)
    unities = [unity_entry(tidy_dir, i, g) if len(g) > 1 else None for i, g in enumerate(groups)]
    with open(os.path.join(tidy_dir, "compile_commands.json"), "w") as out:
        json.dump(entries + [u for u in unities if u is not None], out)
    failed = False
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for ok, output in pool.map(lambda job: check_group(tidy_dir, *job), zip(groups, unities)):
            sys.stdout.write(output)
            failed |= not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
