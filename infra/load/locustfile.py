"""The load's three kinds of client, as Locust users (closed loop: each waits for its answer, then
thinks, then asks again):

- HospitalFeed: the hospital's source feed; a SMART token, then transaction Bundles, each with a new
  laboratory Observation carrying a unique marker, for a random enrolled resident.
- ClinicSearch: the clinic's EMR; a SMART token, then release searches under a resident's pseudonym
  (from the share code the resident gave), the purpose header, and the consent for laboratory results.
- PortalReader: a resident in a browser; signs in through the form with the password, reads the home
  page, the records timeline and the activity page, signs out after a while and in again.

main.py sets the module's `run` before the users start; the counts are set on the classes."""

import itertools
import random
import time
import uuid

from locust import HttpUser, between, task
from locust.exception import StopUser

import bank
from figures import NO_ANSWER

TIMEOUT = 60  # seconds a client waits for an answer before it counts as none
SEARCHES = [
    "/fhir/Observation?patient={p}&_count=20",
    "/fhir/Observation?patient={p}&category=laboratory&_count=20",
    "/fhir/Observation?patient={p}&code=http://loinc.org|2345-7&_count=10",
    "/fhir/Observation?patient={p}&_summary=count",
    "/fhir/Observation?patient={p}&date=ge2020-01-01&_count=5",
]
PAGES = ["/portal", "/portal/records", "/portal/activity"]
VIEWS_PER_SESSION = 15  # a reader signs out and in again after this many pages

run = None  # main.Run: world, stats, ledger, deadline
_reader_seats = itertools.count()


def _status(response):
    return response.status_code if response.status_code else NO_ANSWER


def _stop_when_due():
    if time.monotonic() >= run.deadline:
        raise StopUser()


class SystemClient(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    side = None  # "feed" or "emr"
    scope = None

    def on_start(self):
        self.token, self.token_at = None, 0.0

    def bearer(self):
        """The current access token, a new one when it is old or was refused; None if the bank gave none."""
        if self.token is None or time.monotonic() - self.token_at > bank.TOKEN_REFRESH_AFTER:
            client = run.world[self.side]
            form = bank.token_form(client["key"], client["clientId"], run.world["tokenEndpoint"], self.scope)
            started = time.perf_counter()
            answer = self.client.post("/oauth/token", data=form, name="token", timeout=TIMEOUT)
            run.stats.record("token", _status(answer), (time.perf_counter() - started) * 1000)
            self.token, self.token_at = bank.access_token_of(answer) if answer.status_code == 200 else None, \
                time.monotonic()
        return self.token

    def refused(self, response):
        if response.status_code == 401:
            self.token = None  # counted as an error; the next request asks for a new token


class HospitalFeed(SystemClient):
    side, scope = "feed", "system/*.cu"

    @task
    def write(self):
        _stop_when_due()
        token = self.bearer()
        if token is None:
            return
        resident = random.choice(run.world["residents"])
        marker = str(uuid.uuid4())
        entry = run.ledger.sent(marker, resident["index"], "load")
        body = bank.observation_bundle(resident["mrn"], resident["patientId"], marker, random.randint(70, 140))
        started = time.perf_counter()
        answer = self.client.post("/fhir", json=body, name="ingest", timeout=TIMEOUT,
                                  headers={"Authorization": f"Bearer {token}",
                                           "Content-Type": "application/fhir+json"})
        millis = (time.perf_counter() - started) * 1000
        acknowledged = bank.bundle_accepted(answer)
        run.ledger.answered(entry, _status(answer), acknowledged)
        run.stats.record("ingest", _status(answer), millis, ok=acknowledged)
        self.refused(answer)


class ClinicSearch(SystemClient):
    side, scope = "emr", "system/*.rs"

    @task
    def search(self):
        _stop_when_due()
        token = self.bearer()
        if token is None:
            return
        pseudonym = random.choice(run.world["residents"])["pseudonym"]
        path = random.choice(SEARCHES).format(p=pseudonym)
        started = time.perf_counter()
        answer = self.client.get(path, name="release search", timeout=TIMEOUT,
                                 headers={"Authorization": f"Bearer {token}", **bank.PURPOSE})
        run.stats.record("release search", _status(answer), (time.perf_counter() - started) * 1000)
        self.refused(answer)


class PortalReader(HttpUser):
    wait_time = between(1, 3)

    def on_start(self):
        residents = run.world["residents"]
        self.resident = residents[next(_reader_seats) % len(residents)]
        self.session, self.csrf, self.views = None, None, 0

    def sign_in(self):
        started = time.perf_counter()
        answer = bank.sign_in_form(self.client, self.resident["username"], run.world["password"],
                                   name="sign-in", timeout=TIMEOUT)
        self.session = bank.signed_in(answer, "/portal")
        run.stats.record("sign-in", _status(answer), (time.perf_counter() - started) * 1000,
                         ok=self.session is not None)
        self.views = 0

    def sign_out(self):
        if self.session and self.csrf:
            self.client.post("/signout", data={"_csrf": self.csrf}, headers=bank.cookie_header(self.session),
                             name="sign-out", allow_redirects=False, timeout=TIMEOUT)
        self.session, self.csrf = None, None

    @task
    def read(self):
        _stop_when_due()
        if self.session and self.views >= VIEWS_PER_SESSION:
            self.sign_out()
        if not self.session:
            self.sign_in()
            if not self.session:
                return
        page = PAGES[self.views % len(PAGES)]
        started = time.perf_counter()
        answer = self.client.get(page, name="portal page", headers=bank.cookie_header(self.session),
                                 allow_redirects=False, timeout=TIMEOUT)
        run.stats.record("portal page", _status(answer), (time.perf_counter() - started) * 1000, page=page)
        self.views += 1
        if answer.status_code == 200:
            self.csrf = bank.csrf_of(answer.text) or self.csrf
        else:
            self.session = None  # signed out under it (302 to /signin) or failed: sign in again

    def on_stop(self):
        self.sign_out()
