"""`python -m bench.spy_shares FILE…`: where a bot process spent its busy samples, from py-spy's collapsed
stacks (`--profile-bot` with the fan-out writes them). Prints the share of all non-idle samples that each
project function and each library package was on the stack for (inclusive), and the top frames by own
samples (exclusive). Shares only: a sample is a thread seen running, not a measured CPU time.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

OURS = ("bot/", "scheduling/", "storage/", "survey_flows/", "coaching/")
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")
LIBRARIES = ("sqlalchemy", "slack_sdk", "slack_bolt", "psycopg", "waitress", "urllib", "http", "ssl", "json")


def _where(file: str) -> str:
    for mark in OURS:
        at = file.find(mark)
        if at >= 0:
            return file[at:]
    for lib in LIBRARIES:
        if f"/{lib}/" in f"/{file}" or file.endswith(f"/{lib}.py") or file == f"{lib}.py":
            return lib
    return file.rsplit("/", 1)[-1]


def shares(lines: list[str]) -> tuple[int, Counter[str], Counter[str]]:
    total, inclusive, own = 0, Counter[str](), Counter[str]()
    for line in lines:
        stack, _, count_text = line.rstrip().rpartition(" ")
        if not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")[1:]  # the first is the thread
        total += count
        seen: set[str] = set()
        for frame in frames:
            match = _FRAME.match(frame)
            if match is None:
                continue
            where = _where(match["file"])
            key = f"{match['func']} ({where})" if where.endswith(".py") else where
            if key not in seen:
                seen.add(key)
                inclusive[key] += count
        if frames and (match := _FRAME.match(frames[-1])) is not None:
            own[f"{match['func']} ({_where(match['file'])})"] += count
    return total, inclusive, own


def main(argv: list[str]) -> int:
    lines = [line for name in argv for line in Path(name).read_text(errors="replace").splitlines()]
    total, inclusive, own = shares(lines)
    if not total:
        print("no samples")
        return 1
    print(f"{total} busy samples in {len(argv)} file(s)\n\non the stack (inclusive), top 40:")
    for key, count in inclusive.most_common(40):
        print(f"{count / total:6.1%}  {key}")
    print("\nown samples (exclusive), top 20:")
    for key, count in own.most_common(20):
        print(f"{count / total:6.1%}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
