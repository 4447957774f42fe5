"""After the load: is every write the bank acknowledged stored, for the resident it was sent for?

Each resident signs in and downloads everything the bank holds about them
(`GET /portal/my-data/records.json`, docs/portal.md): the bank decrypts every record in the
resident's custody and answers it as a FHIR collection Bundle, identifiers included (a release to a
clinic erases identifiers, so it cannot show the markers). Each marker is then looked up in the
download of the resident it was written for."""

import time

import bank
import world

ATTEMPTS = 5  # a download that fails (e.g. 503 while the bank catches up) is asked again, with a pause


def stored_markers(http, resident, password, log):
    """The markers in the resident's download, with how often each occurs; None if it could not be had."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            person = world.sign_in(http, resident["username"], password, "/portal", "/portal")
            answer = person.get("/portal/my-data/records.json")
            person.sign_out()
            if answer.status_code == 200:
                found = {}
                for entry in answer.json().get("entry", []):
                    for identifier in entry.get("resource", {}).get("identifier", []):
                        if identifier.get("system") == bank.MARKER_SYSTEM:
                            found[identifier["value"]] = found.get(identifier["value"], 0) + 1
                return found
            log(f"download of resident {resident['index']}: HTTP {answer.status_code} (attempt {attempt})")
        except (bank.SetupError, OSError, ValueError) as e:
            log(f"download of resident {resident['index']} failed (attempt {attempt}): {e}")
        time.sleep(2 * attempt)
    return None


def reconcile(base_url, world_, ledger, log):
    """Answers (report lines, whether every acknowledged write was found where it belongs)."""
    http = world.Http(base_url)
    stored = {}  # marker -> [resident index, ...]
    unchecked = []
    for resident in world_["residents"]:
        found = stored_markers(http, resident, world_["password"], log)
        if found is None:
            unchecked.append(resident["index"])
            continue
        for marker, count in found.items():
            stored.setdefault(marker, []).extend([resident["index"]] * count)

    entries = ledger.entries
    sent = {e["marker"]: e for e in entries}
    acknowledged = [e for e in entries if e["acknowledged"]]
    checkable = [e for e in acknowledged if e["resident"] not in unchecked]
    found = [e for e in checkable if e["resident"] in stored.get(e["marker"], [])]
    misplaced = [e for e in checkable if e["marker"] in stored and e["resident"] not in stored[e["marker"]]]
    lost = [e for e in checkable if e["marker"] not in stored]
    unacknowledged = [e for e in entries if not e["acknowledged"]]
    unack_stored = [e for e in unacknowledged if e["marker"] in stored]
    duplicated = [m for m, where in stored.items() if len(where) > 1]
    never_sent = [m for m in stored if m not in sent]

    def by_status(items):
        counts = {}
        for e in items:
            key = "no answer yet" if e["status"] is None else str(e["status"])
            counts[key] = counts.get(key, 0) + 1
        return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "-"

    lines = [
        f"writes sent                     {len(entries)}",
        f"acknowledged (2xx)              {len(acknowledged)}",
        f"  found stored                  {len(found)}",
        f"  lost                          {len(lost) + len(misplaced)}"
        + (f"   (stored under another resident: {len(misplaced)})" if misplaced else ""),
        f"not acknowledged                {len(unacknowledged)}   by status: {by_status(unacknowledged)}",
        f"  of which stored anyway        {len(unack_stored)}   by status: {by_status(unack_stored)}",
        f"stored more than once           {len(duplicated)}",
        f"stored but never sent           {len(never_sent)}",
    ]
    if unchecked:
        lines.append(f"NOT CHECKED: the downloads of residents {unchecked} could not be had "
                     f"({len(acknowledged) - len(checkable)} acknowledged writes unconfirmed)")
    for e in (lost + misplaced)[:20]:
        lines.append(f"  LOST marker {e['marker']} (resident {e['resident']}, HTTP {e['status']})")
    intact = not lost and not misplaced and not unchecked
    return lines, intact
