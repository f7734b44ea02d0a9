"""Five staff at once on one firm database (issue 13): no lost update, every change seen by everyone else.

    .venv/bin/python -m bench.firm.load URL [--staff 5] [--seconds 60] [--clients 8] [--json]
    make load-test                     # a throwaway local server, 60 s (tests/bench/test_firm_load.py: 3 s)

URL is an empty PostgreSQL database (the schema is created) or one `firm init` made; its clients are replaced.
Each simulated staff member is a thread with a connection and a name of its own, and a second connection that
LISTENs, as a window does. For the given time each picks one of a few shared clients (so their saves collide),
reads it, writes its own mark into the client's city and saves from the version it read; a save refused with
ConflictError (someone saved first) reloads and tries again. At the end the script proves:

- no lost update: every successful save made version k+1 from the version k it read (it saw every save before
  it); per client the saves made the versions 2, 3, … N exactly once each; the history holds one update per save
  in that order, each over the mark of the save before it; the stored client is the last save's;
- everyone saw everything: each staff member's listener received exactly one notice per successful save of every
  other staff member, per client, and its own were all skipped; the delay from a save starting to each other
  listener hearing of it is reported.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from core.errors import ConflictError
from core.records.identity import Applicant, ApplicantId
from core.services.facade import JuliuService
from core.storage.pg.listener import ChangeListener
from core.storage.pg.postgres import init_schema


@dataclass
class Staff:
    name: str
    service: JuliuService
    listener: ChangeListener
    saves: list[tuple[int, int, str, float]] = field(default_factory=list)  # client, version made, mark, began
    started_from: list[int] = field(default_factory=list)  # the version each save read, in step with `saves`
    conflicts: int = 0
    own_skipped: int = 0
    heard: list[tuple[str, int, float]] = field(default_factory=list)  # origin, client, time received
    errors: list[str] = field(default_factory=list)


def _listen(staff: Staff, stop: threading.Event) -> None:
    """As a window does (core/services/firm/live.py): its own session's notices are skipped."""
    while not stop.is_set():
        for notice in staff.listener.wait(0.2):
            if notice.origin == staff.service.origin:
                staff.own_skipped += 1
            elif notice.table == "applicant" and notice.applicant_id is not None:
                staff.heard.append((notice.origin, notice.applicant_id, time.monotonic()))


def _work(staff: Staff, clients: list[ApplicantId], until: float, seed: int, think_s: float,
          checked: bool = True) -> None:
    """`checked=False` saves blindly (as if no version were loaded): lost updates, which the report must catch."""
    rng = random.Random(seed)
    n = 0
    while time.monotonic() < until:
        client = rng.choice(clients)
        n += 1
        mark = f"{staff.name}.{n}"
        current = staff.service.require_applicant(client)
        while True:
            began = time.monotonic()
            try:
                saved = staff.service.save_applicant(dataclasses.replace(
                    current, city=mark, version=current.version if checked else 0))
                break
            except ConflictError:
                staff.conflicts += 1
                current = staff.service.require_applicant(client)  # reload, apply the change again on top
        staff.saves.append((client, saved.version, mark, began))
        staff.started_from.append(current.version)
        if think_s:
            time.sleep(rng.uniform(0, think_s))


def run(url: str, staff_count: int = 5, seconds: float = 60.0, clients: int = 8, think_s: float = 0.01,
        drain_s: float = 3.0, checked: bool = True) -> dict[str, object]:
    init_schema(url)
    owner = JuliuService.open_url(url, who="load-setup")
    try:
        for applicant in owner.list_applicants():
            owner.delete_applicant(applicant.id)  # type: ignore[arg-type]
        ids = [ApplicantId(owner.save_applicant(Applicant("Client", f"No {i}", "", city="")).id or 0)
               for i in range(clients)]
    finally:
        owner.close()
    team = []
    for i in range(staff_count):
        name = f"staff{i + 1}"
        listener = ChangeListener(url)
        listener.connect()
        team.append(Staff(name, JuliuService.open_url(url, who=name), listener))
    stop = threading.Event()
    listeners = [threading.Thread(target=_listen, args=(s, stop), daemon=True) for s in team]
    for thread in listeners:
        thread.start()
    until = time.monotonic() + seconds
    workers = [threading.Thread(target=_guarded, args=(s, ids, until, i, think_s, checked))
               for i, s in enumerate(team)]
    started = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.monotonic() - started
    expected = {s.service.origin: Counter(c for c, _v, _m, _t in s.saves) for s in team}
    deadline = time.monotonic() + drain_s
    while time.monotonic() < deadline and not all(_heard_all(s, team, expected) for s in team):
        time.sleep(0.05)
    stop.set()
    for thread in listeners:
        thread.join()
    try:
        return _report(team, ids, expected, elapsed, url)
    finally:
        for s in team:
            s.listener.close()
            s.service.close()


def _guarded(staff: Staff, clients: list[ApplicantId], until: float, seed: int, think_s: float,
             checked: bool) -> None:
    try:
        _work(staff, clients, until, seed, think_s, checked)
    except Exception as exc:  # noqa: BLE001 (a worker's failure is reported, not lost with its thread)
        staff.errors.append(f"{type(exc).__name__}: {exc}")


def _heard_all(staff: Staff, team: list[Staff], expected: dict[str, Counter[int]]) -> bool:
    got = Counter((origin, client) for origin, client, _t in staff.heard)
    return all(got[(o.service.origin, c)] >= n
               for o in team if o is not staff for c, n in expected[o.service.origin].items())


def _report(team: list[Staff], ids: list[ApplicantId], expected: dict[str, Counter[int]], elapsed: float,
            url: str) -> dict[str, object]:
    problems = [f"{s.name}: {e}" for s in team for e in s.errors]
    checker = JuliuService.open_url(url)
    try:
        stale = [(s.name, v, f) for s in team for (_c, v, _m, _t), f in zip(s.saves, s.started_from, strict=True)
                 if v != f + 1]
        if stale:
            problems.append(f"{len(stale)} saves were made over a version they never read (lost updates), e.g. "
                            f"{stale[0][0]} made version {stale[0][1]} from version {stale[0][2]}")
        for client in ids:
            saves = sorted((v, m) for s in team for c, v, m, _t in s.saves if c == client)
            versions = [v for v, _m in saves]
            if versions != list(range(2, len(saves) + 2)):
                problems.append(f"client {client}: the versions made are not 2..{len(saves) + 1} once each")
            stored = checker.require_applicant(client)
            marks = [m for _v, m in saves]
            if stored.version != len(saves) + 1 or stored.city != (marks[-1] if marks else ""):
                problems.append(f"client {client}: stored version {stored.version}, city {stored.city!r}: "
                                "not the last save")
            updates = [e for e in reversed(checker.history(client)) if e.table == "applicant" and e.action == "update"]
            seen = [((e.before or {}).get("city"), (e.after or {}).get("city")) for e in updates]
            if seen != list(zip(["", *marks[:-1]], marks, strict=True)):
                problems.append(f"client {client}: the history's updates are not the saves, each over the one "
                                "before it")
    finally:
        checker.close()
    delays: list[float] = []
    for listener in team:
        got = Counter((origin, client) for origin, client, _t in listener.heard)
        if listener.own_skipped != len(listener.saves):
            problems.append(f"{listener.name} was told of {listener.own_skipped} of its own "
                            f"{len(listener.saves)} saves")
        for other in team:
            if other is listener:
                continue
            for client, n in expected[other.service.origin].items():
                if got[(other.service.origin, client)] != n:
                    problems.append(f"{listener.name} heard {got[(other.service.origin, client)]} of {other.name}'s "
                                    f"{n} saves of client {client}")
            delays += _delays(listener, other)
    saves = sum(len(s.saves) for s in team)
    return {
        "staff": len(team), "clients": len(ids), "seconds": round(elapsed, 1), "saves": saves,
        "saves_per_second": round(saves / elapsed, 1) if elapsed else 0.0,
        "conflicts_retried": sum(s.conflicts for s in team),
        "saves_per_staff": {s.name: len(s.saves) for s in team},
        "notices_heard": sum(len(s.heard) for s in team),
        "own_notices_skipped": sum(s.own_skipped for s in team),
        "notice_delay_ms_median": round(statistics.median(delays) * 1000, 1) if delays else None,
        "notice_delay_ms_max": round(max(delays) * 1000, 1) if delays else None,
        "lost_updates_or_missed_notices": problems,
    }


def _delays(listener: Staff, other: Staff) -> list[float]:
    """From a save starting to `listener` hearing of it: per client, the k-th notice from `other` is its k-th save
    (one session's commits arrive in order)."""
    found = []
    for client in {c for c, _v, _m, _t in other.saves}:
        sent = [t for c, _v, _m, t in other.saves if c == client]
        heard = [t for o, c, t in listener.heard if o == other.service.origin and c == client]
        found += [h - s for s, h in zip(sent, heard, strict=False)]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="an empty PostgreSQL database, or one `firm init` made (its clients go)")
    parser.add_argument("--staff", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8, help="shared clients: fewer means more collisions")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.url, args.staff, args.seconds, args.clients)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 1 if figures["lost_updates_or_missed_notices"] else 0


if __name__ == "__main__":
    sys.exit(main())
