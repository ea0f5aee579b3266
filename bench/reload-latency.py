#!/usr/bin/env python3
"""Time from saving a file to the reload event of `amicus serve`.

Starts `amicus serve` on a free port, listens to its event stream as an open page
does, then edits one entry's body several times and measures, for each save, the
time until the server announces the new build. Prints every sample and the median.

    bench/reload-latency.py [--amicus target/release/amicus] [--edits 7] SITE ENTRY

SITE is a site folder (it is edited in place: pass a copy), ENTRY a content file in
it, such as content/cities/dresden.md.
"""

import argparse
import http.client
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

EVENTS_PATH = "/__amicus/events"


def start_server(amicus, site):
    server = subprocess.Popen(
        [amicus, "serve", "--root", str(site), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    for line in server.stderr:
        match = re.search(r"at (http://[^\s]+)", line)
        if match:
            # Keep draining stderr so the server never blocks on a full pipe.
            threading.Thread(target=server.stderr.read, daemon=True).start()
            return server, match.group(1)
    raise SystemExit("amicus serve stopped before it was listening")


def versions(url):
    """Yields each version the event stream announces, as a page would see it."""
    host = re.match(r"http://([^/]+)/", url).group(1)
    connection = http.client.HTTPConnection(host, timeout=120)
    connection.request("GET", EVENTS_PATH)
    response = connection.getresponse()
    while True:
        line = response.readline()
        if not line:
            return
        if line.startswith(b"data:"):
            yield line[5:].strip().decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--amicus", default="target/release/amicus")
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("site", type=Path)
    parser.add_argument("entry")
    args = parser.parse_args()

    entry = args.site / args.entry
    original = entry.read_text(encoding="utf-8")
    server, url = start_server(args.amicus, args.site)
    samples = []
    try:
        stream = versions(url)
        current = next(stream)
        for edit in range(args.edits):
            time.sleep(0.5)  # let the watcher settle, as between two real saves
            saved = time.monotonic()
            entry.write_text(f"{original}\nEdit number {edit}.\n", encoding="utf-8")
            for version in stream:
                if version != current:
                    current = version
                    break
            samples.append((time.monotonic() - saved) * 1000)
            print(f"edit {edit + 1}: {samples[-1]:.0f} ms", flush=True)
    finally:
        entry.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait()
    print(f"median save-to-reload: {statistics.median(samples):.0f} ms over {len(samples)} edits")


if __name__ == "__main__":
    sys.exit(main())
