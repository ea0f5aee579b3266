#!/usr/bin/env python3
"""Times `amicus serve` from a save to the reload event that open pages receive.

    bench/reload.py SITE [--edits 9] [--entry content/cities/ID.md]

Starts `amicus serve --port 0` on SITE, listens to the reload event stream as a
browser would, and saves one entry several times, the way editors do
(write a temporary file beside it, then rename it over the entry). Each edit changes a
sentence of the body, so every save is a real change that re-renders the pages showing
that entry. Prints each time, then the median. The entry is restored at the end.

Uses only Python's standard library and the release binary (target/release/amicus, or
$AMICUS).
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path


def start_server(amicus, site):
    server = subprocess.Popen(
        [amicus, "serve", "--root", site, "--port", "0"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    for line in server.stderr:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if line.startswith("Serving") and found:
            # Keep reading what it prints, so that a full pipe never stalls it.
            threading.Thread(target=server.stderr.read, daemon=True).start()
            return server, int(found.group(1))
    raise SystemExit("amicus serve stopped before serving: " + str(server.wait()))


class Events:
    """The reload event stream, read line by line."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.connection.request("GET", "/__amicus/events")
        self.response = self.connection.getresponse()

    def next_version(self):
        while True:
            line = self.response.fp.readline().decode()
            if not line:
                raise SystemExit("the event stream closed")
            if line.startswith("data: "):
                return line[len("data: "):].strip()


def save_like_an_editor(path, text):
    temporary = path.with_name("." + path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def first_city(site):
    cities = sorted((Path(site) / "content" / "cities").glob("*.md"))
    if not cities:
        raise SystemExit(f"{site} has no content/cities/*.md")
    return cities[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--entry", help="the file to edit, relative to SITE")
    args = parser.parse_args()
    amicus = os.environ.get("AMICUS", "target/release/amicus")
    entry = Path(args.site) / args.entry if args.entry else first_city(args.site)
    original = entry.read_text(encoding="utf-8")

    server, port = start_server(amicus, args.site)
    times = []
    try:
        events = Events(port)
        events.next_version()  # the version served now
        for n in range(args.edits):
            time.sleep(0.5)  # editors do not save twice within the debounce window
            started = time.perf_counter()
            save_like_an_editor(entry, original + f"\nEdited for the reload benchmark ({n}).\n")
            events.next_version()
            times.append((time.perf_counter() - started) * 1000)
            print(f"edit {n + 1}: {times[-1]:.0f} ms", file=sys.stderr)
    finally:
        save_like_an_editor(entry, original)
        server.terminate()
        server.wait()
    print(f"{entry}: median {statistics.median(times):.0f} ms from save to reload event "
          f"over {len(times)} edits (min {min(times):.0f}, max {max(times):.0f})")


if __name__ == "__main__":
    main()
