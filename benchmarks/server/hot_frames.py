#!/usr/bin/env python3
"""Summarises repeated `jcmd PID Thread.print` dumps (separated by '=== SAMPLE END ===').

For threads that are RUNNABLE and not parked in the network poller or accept, it counts
  - the top frame (where the CPU is, as far as safepoint-biased dumps can tell), and
  - the first frame of the server's own code (dev.flinkregistry) or of the libraries around it
    (Spring, Hibernate, H2, PostgreSQL JDBC, Jackson, Tomcat) per stack, inclusive.

    hot_frames.py DUMPS [TOP]
"""
import collections
import re
import sys

IDLE_TOPS = (
    "sun.nio.ch.EPoll.wait", "sun.nio.ch.Net.accept", "sun.nio.ch.Net.poll",
    "sun.nio.ch.ServerSocketChannelImpl.accept", "java.lang.ref.Reference.waitForReferencePendingList",
    "java.lang.Object.wait", "jdk.internal.misc.Unsafe.park", "java.lang.Thread.sleep",
    "sun.nio.ch.SocketDispatcher.read0", "java.io.FileInputStream.readBytes",
)
INTERESTING = ("dev.flinkregistry", "org.h2", "org.postgresql", "org.hibernate", "com.zaxxer",
               "tools.jackson", "com.fasterxml")


def threads(text):
    for block in re.split(r"\n(?=\")", text):
        lines = block.splitlines()
        if not lines or not lines[0].startswith('"'):
            continue
        state = next((l for l in lines if "java.lang.Thread.State:" in l), "")
        frames = [l.strip()[3:] for l in lines if l.strip().startswith("at ")]
        yield lines[0].split('"')[1], state, frames


def method(frame):
    return frame.split("(")[0]


def main(argv):
    path, top = argv[1], int(argv[2]) if len(argv) > 2 else 20
    dumps = open(path, encoding="utf-8", errors="replace").read().split("=== SAMPLE END ===")
    tops, inclusive, samples = collections.Counter(), collections.Counter(), 0
    for dump in dumps:
        for name, state, frames in threads(dump):
            if "RUNNABLE" not in state or not frames or method(frames[0]).startswith(IDLE_TOPS):
                continue
            if name.startswith(("Attach Listener", "Signal Dispatcher", "Common-Cleaner")):
                continue
            samples += 1
            tops[method(frames[0])] += 1
            seen = set()
            for frame in frames:
                m = method(frame)
                if m.startswith(INTERESTING) and m not in seen:
                    seen.add(m)
                    inclusive[m] += 1
    if samples == 0:
        print("(no runnable samples)")
        return 0
    print(f"{samples} runnable thread samples")
    print("top frames (self):")
    for m, n in tops.most_common(top):
        print(f"  {100 * n / samples:5.1f}%  {m}")
    print("server / library frames on the stack (inclusive):")
    for m, n in inclusive.most_common(top):
        print(f"  {100 * n / samples:5.1f}%  {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
