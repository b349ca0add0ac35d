#!/usr/bin/env python3
"""Small helpers for run.sh (standard library only).

    util.py free-port                         a free TCP port on 127.0.0.1
    util.py json-get FILE PATH                a value from a JSON file (PATH like a.b.0.c)
    util.py metric URL                        measurements[0].value of an actuator metric
    util.py poll URL PID OUT STOPFILE SECS    polls the heap metric (and the process's RSS) every
                                              100 ms until STOPFILE exists or SECS pass; writes
                                              "samples peak_heap_bytes peak_rss_kib" to OUT
    util.py wrk FILE                          "rps p99_ms non2xx socket_errors requests" from wrk output
    util.py nginx-string FILE                 FILE's text as a single-quoted nginx string
    util.py jwks KEY                          the JWK set (JSON) of the RSA key in PEM file KEY
    util.py jwt KEY USER GROUP AUDIENCE SECS  an RS256 access token signed with KEY (by openssl):
                                              preferred_username USER, groups [GROUP], aud AUDIENCE,
                                              valid from now for SECS seconds

The metric and poll commands send "Authorization: Bearer $REGISTRY_TOKEN" when it is set.
"""
import base64
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        print(s.getsockname()[1])


def json_get(path, key):
    with open(path, encoding="utf-8") as f:
        value = json.load(f)
    for part in key.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    print(value if not isinstance(value, (dict, list)) else json.dumps(value))


def metric_value(url, timeout=2.0):
    request = urllib.request.Request(url)
    if os.environ.get("REGISTRY_TOKEN"):
        request.add_header("Authorization", "Bearer " + os.environ["REGISTRY_TOKEN"])
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return float(json.load(response)["measurements"][0]["value"])


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def poll(url, pid, out, stop_file, seconds):
    deadline = time.monotonic() + float(seconds)
    samples, failures, peak_heap, peak_rss = 0, 0, 0.0, 0
    next_at = time.monotonic()
    while time.monotonic() < deadline and not os.path.exists(stop_file):
        try:
            peak_heap = max(peak_heap, metric_value(url))
            samples += 1
        except Exception:  # a busy server may answer late; count it, keep polling
            failures += 1
        peak_rss = max(peak_rss, rss_kib(pid))
        next_at += 0.1
        time.sleep(max(0.0, next_at - time.monotonic()))
    with open(out, "w", encoding="ascii") as f:
        f.write(f"{samples} {int(peak_heap)} {peak_rss} {failures}\n")


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    requests = re.search(r"(\d+) requests in", text)
    print(rps.group(1) if rps else "nan",
          f"{to_ms(*p99.groups()):.2f}" if p99 else "nan",
          non2xx.group(1) if non2xx else "0",
          sum(int(g) for g in errors.groups()) if errors else 0,
          requests.group(1) if requests else "0")


def nginx_string(path):
    text = open(path, encoding="utf-8").read().strip()
    if "$" in text:
        raise SystemExit("cannot put '$' in an nginx return string")
    print("'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


KEY_ID = "bench-1"


def jwks(key):
    text = subprocess.run(["openssl", "rsa", "-in", key, "-noout", "-modulus"], check=True,
                          capture_output=True, text=True).stdout
    modulus = int(text.strip().split("=", 1)[1], 16)
    n = modulus.to_bytes((modulus.bit_length() + 7) // 8, "big")
    print(json.dumps({"keys": [{"kty": "RSA", "kid": KEY_ID, "use": "sig", "alg": "RS256",
                                "n": b64url(n), "e": b64url((65537).to_bytes(3, "big"))}]}))


def jwt(key, user, group, audience, seconds):
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": KEY_ID}
    claims = {"iss": "https://bench.invalid", "sub": user, "preferred_username": user, "groups": [group],
              "aud": audience, "iat": now, "nbf": now, "exp": now + int(seconds)}
    signing_input = (b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())).encode()
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", key], input=signing_input, check=True,
                               capture_output=True).stdout
    print(signing_input.decode() + "." + b64url(signature))


def main(argv):
    command, args = argv[1], argv[2:]
    if command == "free-port":
        free_port()
    elif command == "json-get":
        json_get(*args)
    elif command == "metric":
        print(int(metric_value(args[0])))
    elif command == "poll":
        poll(*args)
    elif command == "wrk":
        wrk(*args)
    elif command == "nginx-string":
        nginx_string(*args)
    elif command == "jwks":
        jwks(*args)
    elif command == "jwt":
        jwt(*args)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
