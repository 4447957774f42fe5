"""The world the load runs in, set up only through the bank's own operator API and portal, as an
operator and residents would (docs/identity.md, docs/consent.md, docs/fhir-release.md): a hospital
with a source-feed client, a clinic with an EMR client, residents with an enrolment link at the
hospital, a first record each, a consent for the clinic (laboratory results, treatment) and a
share code the clinic exchanges for its pseudonym."""

import random
import uuid

import requests

import bank


class Http:
    """requests with a base URL, the shape of Locust's HttpSession, for the set-up and the reconciliation."""

    def __init__(self, base_url, timeout=120):
        self.base_url = base_url
        self.timeout = timeout
        self.session = requests.Session()

    def get(self, path, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return self.session.get(self.base_url + path, **kwargs)

    def post(self, path, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return self.session.post(self.base_url + path, **kwargs)


class PersonSession:
    """A signed-in person: the session cookie and the CSRF token for JSON calls."""

    def __init__(self, http, cookie, csrf):
        self.http, self.cookie, self.csrf = http, cookie, csrf

    def post_json(self, path, body):
        headers = {"X-CSRF-Token": self.csrf, **bank.cookie_header(self.cookie)}
        return self.http.post(path, json=body, headers=headers, allow_redirects=False)

    def get(self, path):
        return self.http.get(path, headers=bank.cookie_header(self.cookie), allow_redirects=False)

    def sign_out(self):
        self.http.post("/signout", data={"_csrf": self.csrf}, headers=bank.cookie_header(self.cookie),
                       allow_redirects=False)


def sign_in(http, username, password, landing, csrf_page):
    answer = bank.sign_in_form(http, username, password)
    cookie = bank.signed_in(answer, landing)
    if not cookie:
        raise bank.SetupError(f"sign-in of {username}: HTTP {answer.status_code}, Location "
                              f"{answer.headers.get('Location')}")
    page = http.get(csrf_page, headers=bank.cookie_header(cookie), allow_redirects=False)
    pattern = bank.CSRF_JSON if csrf_page.startswith("/api/") else bank.CSRF_FIELD
    csrf = bank.csrf_of(page.text, pattern)
    if not csrf:
        raise bank.SetupError(f"no CSRF token on {csrf_page} for {username}: HTTP {page.status_code}")
    return PersonSession(http, cookie, csrf)


def system_token(http, key, client_id, token_endpoint, scope):
    answer = bank.expect(http.post("/oauth/token", data=bank.token_form(key, client_id, token_endpoint, scope)),
                         200, f"token for {client_id}")
    return bank.access_token_of(answer)


def build(base_url, public_url, operator, password, residents, ledger, log):
    """Sets the world up; answers what the load users need. Every first write goes
    into the ledger like any other write, so it is reconciled too."""
    http = Http(base_url)
    run = uuid.uuid4().hex[:8]
    token_endpoint = public_url + "/oauth/token"
    ops = sign_in(http, operator, password, "/operator", "/api/operator/whoami")
    hospital, clinic = f"load-hosp-{run}", f"load-clin-{run}"
    feed_id, emr_id = f"load-feed-{run}", f"load-emr-{run}"
    feed_key, emr_key = bank.SystemKey("feed-k1"), bank.SystemKey("emr-k1")

    def created(path, body):
        return bank.expect(ops.post_json(path, body), 201, f"POST {path}").json()

    created("/api/operator/organisations", {"id": hospital, "kind": "HOSPITAL",
                                            "displayName": "Load Hospital", "purposes": ["treatment"]})
    # A clinic receives residents' data: it is registered with its privacy impact assessment.
    created("/api/operator/organisations", {"id": clinic, "kind": "CLINIC",
                                            "displayName": "Load Clinic", "purposes": ["treatment"],
                                            "assessment": {
                                                "purpose": "Treatment by the clinic's doctors",
                                                "dataItems": ["MEDICAL"],
                                                "recipients": "The clinic's doctors",
                                                "retention": "Five years after the last visit",
                                                "risks": "Staff reading records of people they do not treat",
                                                "mitigations": "Every read is in the resident's access log",
                                                "contactName": "Privacy officer",
                                                "contactReach": "privacy@load-clinic.example"}})
    created(f"/api/operator/organisations/{hospital}/clients",
            {"clientId": feed_id, "kind": "SOURCE_FEED", "scopes": ["system/*.cu"], "jwks": feed_key.public_jwks()})
    created(f"/api/operator/organisations/{clinic}/clients",
            {"clientId": emr_id, "kind": "CLINIC_EMR", "scopes": ["system/*.rs"], "jwks": emr_key.public_jwks()})
    log(f"organisations {hospital}, {clinic}; clients {feed_id}, {emr_id}")

    feed_token = system_token(http, feed_key, feed_id, token_endpoint, "system/*.cu")
    emr_token = system_token(http, emr_key, emr_id, token_endpoint, "system/*.rs")
    people = []
    for i in range(residents):
        username = f"load-r{i:03d}-{run}"
        account = created("/api/operator/residents", {"username": username, "initialPassword": password,
                                                      "eResident": False, "assurance": "HIGH",
                                                      "proofing": "IN_PERSON_AT_CITY_OFFICE"})["account"]
        mrn = f"LOAD-{run}-{i:03d}"
        bank.expect(ops.post_json(f"/api/operator/residents/{account}/enrolment-links",
                                  {"source": hospital, "system": bank.MRN_SYSTEM, "value": mrn}),
                    204, "enrolment link")
        patient_id = f"pat-{run}-{i:03d}"
        marker = str(uuid.uuid4())
        entry = ledger.sent(marker, i, "setup")
        answer = http.post("/fhir", json=bank.observation_bundle(mrn, patient_id, marker, random.randint(70, 140)),
                           headers={"Authorization": f"Bearer {feed_token}",
                                    "Content-Type": "application/fhir+json"})
        ledger.answered(entry, answer.status_code, bank.bundle_accepted(answer))
        if not bank.bundle_accepted(answer):
            raise bank.SetupError(f"first record of resident {i}: HTTP {answer.status_code}: {bank.problem(answer)}")

        resident = sign_in(http, username, password, "/portal", "/portal")
        bank.expect(resident.post_json("/portal/api/consents", {
            "recipient": clinic, "purpose": "treatment", "categories": ["MEDICAL/laboratory"],
            "language": "ja", "textVersion": "consent-question-1"}), 201, "consent")
        code = bank.expect(resident.post_json("/portal/api/share-codes", {}), 200, "share code").json()["code"]
        exchanged = bank.expect(http.post(
            "/fhir/Patient/$exchange-share-code",
            json={"resourceType": "Parameters", "parameter": [{"name": "code", "valueString": code}]},
            headers={"Authorization": f"Bearer {emr_token}", "Content-Type": "application/fhir+json",
                     **bank.PURPOSE}), 200, "share-code exchange")
        resident.sign_out()
        people.append({"index": i, "username": username, "mrn": mrn, "patientId": patient_id,
                       "pseudonym": exchanged.json()["id"]})
        log(f"resident {i + 1}/{residents} enrolled, first record stored, consent given, share code exchanged")
    return {"publicUrl": public_url, "tokenEndpoint": token_endpoint,
            "feed": {"clientId": feed_id, "key": feed_key}, "emr": {"clientId": emr_id, "key": emr_key},
            "password": password, "residents": people}
