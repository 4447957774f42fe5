"""What the run measured: every request by class (status, time) and every write in a ledger (its
marker, whose, and what the bank answered), printed as the report."""

import threading
import time

# The class of each request, the status that means it did what it should, in the report's order.
CLASSES = {
    "token": 200,          # POST /oauth/token, feed and clinic
    "ingest": 200,         # POST /fhir, a transaction Bundle by the hospital feed
    "release search": 200,  # GET /fhir/Observation?patient=... by the clinic's EMR
    "sign-in": 302,        # GET /signin + POST /signin by a portal reader (the POST is timed)
    "portal page": 200,    # GET /portal, /portal/records, /portal/activity by a signed-in reader
}
NO_ANSWER = "no answer"  # connection refused, reset or timed out: nothing came back


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.samples = {c: [] for c in CLASSES}
        self.statuses = {c: {} for c in CLASSES}
        self.pages = {}
        self.started = time.monotonic()
        self.ended = None

    def record(self, cls, status, millis, page=None, ok=None):
        """status: the HTTP status, or NO_ANSWER; ok: overrides the class's expected status (a sign-in
        answered 302 elsewhere than the landing page is refused; a 200 Bundle with a failed entry is not ingested)."""
        with self.lock:
            good = (status == CLASSES[cls]) if ok is None else ok
            key = "ok" if good else str(status)
            self.statuses[cls][key] = self.statuses[cls].get(key, 0) + 1
            self.samples[cls].append(millis)
            if page:
                self.pages.setdefault(page, []).append(millis)

    def stop(self):
        self.ended = time.monotonic()

    def report(self):
        seconds = (self.ended or time.monotonic()) - self.started
        lines = [f"{'class':<16}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
                 "  errors by status"]
        total = sum(len(s) for s in self.samples.values())
        for cls in CLASSES:
            samples = sorted(self.samples[cls])
            errors = {k: v for k, v in self.statuses[cls].items() if k != "ok"}
            lines.append(f"{cls:<16}{len(samples):>9}{len(samples) / seconds:>8.1f}{pct(samples, 50):>9}"
                         f"{pct(samples, 95):>9}{pct(samples, 99):>9}{pct(samples, 100):>9}  "
                         + (", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) or "none"))
        lines.append(f"{'all':<16}{total:>9}{total / seconds:>8.1f}   over {seconds:.0f} s")
        for page, samples in sorted(self.pages.items()):
            samples = sorted(samples)
            lines.append(f"  {page:<22}{len(samples):>9}{'':>8}{pct(samples, 50):>9}{pct(samples, 95):>9}"
                         f"{pct(samples, 99):>9}{pct(samples, 100):>9}")
        return lines

    def share(self, cls):
        total = sum(len(s) for s in self.samples.values())
        return len(self.samples[cls]) / total if total else 0.0

    def server_errors(self):
        """How many answers were 5xx (any class)."""
        return sum(v for s in self.statuses.values() for k, v in s.items() if k[:1] == "5")

    def errors(self):
        return sum(v for s in self.statuses.values() for k, v in s.items() if k != "ok")


def pct(sorted_samples, p):
    if not sorted_samples:
        return "-"
    index = min(len(sorted_samples) - 1, max(0, -(-p * len(sorted_samples) // 100) - 1))  # nearest rank
    return f"{sorted_samples[index]:.0f}"


class Ledger:
    """Every write the feed attempted: written down before it is sent, with the answer once it came."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.entries = []
        self.file = open(path, "w", encoding="utf-8")
        self.file.write("marker\tresident\torigin\tstatus\tacknowledged\n")

    def sent(self, marker, resident, origin):
        entry = {"marker": marker, "resident": resident, "origin": origin, "status": None, "acknowledged": False}
        with self.lock:
            self.entries.append(entry)
        return entry

    def answered(self, entry, status, acknowledged):
        with self.lock:
            entry["status"], entry["acknowledged"] = status, acknowledged
            self.file.write(f"{entry['marker']}\t{entry['resident']}\t{entry['origin']}\t{status}\t{acknowledged}\n")
            self.file.flush()

    def close(self):
        self.file.close()
