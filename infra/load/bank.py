"""How a client talks to the bank over HTTP: people through the sign-in form, systems through
SMART Backend Services tokens (docs/identity.md), hospital feeds with transaction Bundles
(docs/fhir-gateway.md). Shared by the set-up, the load users and the reconciliation."""

import json
import re
import time
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

SESSION_COOKIE = "__Host-azukari-session"  # the production profile's cookie (Secure, so sent by hand)
CSRF_FIELD = re.compile(r'name="_csrf" value="([^"]+)"')
CSRF_JSON = re.compile(r'"csrfToken"\s*:\s*"([^"]+)"')
MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999999"
MARKER_SYSTEM = "urn:azukari:load-marker"  # each write's unique marker, an Observation identifier
PURPOSE = {"X-Azukari-Purpose": "treatment"}
CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_REFRESH_AFTER = 240  # seconds; the bank's access tokens live 5 minutes


class SetupError(Exception):
    """The bank refused a step of the set-up: the benchmark cannot run."""


def expect(response, status, what):
    if response.status_code != status:
        raise SetupError(f"{what}: HTTP {response.status_code} (expected {status}): {problem(response)}")
    return response


def problem(response):
    """What an error answer says: an OperationOutcome's error issues, else the start of the body."""
    try:
        issues = [i for i in response.json().get("issue", []) if i.get("severity") in ("error", "fatal")]
    except (ValueError, AttributeError):
        issues = []
    if issues:
        return "; ".join(f"{i.get('code')}: {i.get('diagnostics')} at {i.get('expression')}" for i in issues)[:1500]
    return response.text[:500]


def session_cookie(response):
    """The session cookie the bank set last (a sign-in first expires the visitor's), read from the
    Set-Cookie lines themselves: requests keeps no Secure cookie over plain http."""
    found = None
    for line in response.raw.headers.getlist("Set-Cookie"):
        if line.startswith(SESSION_COOKIE + "="):
            found = line.split(";", 1)[0][len(SESSION_COOKIE) + 1:].strip()
    return found


def cookie_header(session):
    return {"Cookie": f"{SESSION_COOKIE}={session}"}


def csrf_of(text, pattern=CSRF_FIELD):
    match = pattern.search(text)
    return match.group(1) if match else None


class SystemKey:
    """An EC P-384 key a SMART client signs its assertions with (ES384); only the public half is registered."""

    def __init__(self, kid):
        self.kid = kid
        self.private = ec.generate_private_key(ec.SECP384R1())

    def public_jwks(self):
        jwk = json.loads(ECAlgorithm.to_jwk(self.private.public_key()))
        jwk.update({"kid": self.kid, "alg": "ES384", "use": "sig"})
        return {"keys": [jwk]}

    def assertion(self, client_id, token_endpoint):
        now = int(time.time())
        claims = {"iss": client_id, "sub": client_id, "aud": token_endpoint, "exp": now + 120, "iat": now,
                  "jti": str(uuid.uuid4())}
        return jwt.encode(claims, self.private, algorithm="ES384", headers={"kid": self.kid, "typ": "JWT"})


def token_form(key, client_id, token_endpoint, scope):
    return {"grant_type": "client_credentials", "client_assertion_type": CLIENT_ASSERTION_TYPE,
            "client_assertion": key.assertion(client_id, token_endpoint), "scope": scope}


def access_token_of(response):
    try:
        return response.json()["access_token"]
    except (ValueError, KeyError):
        return None


def sign_in_form(http, username, password, **kwargs):
    """GET /signin for the visitor's session and CSRF token, then POST the form; answers the POST's response.
    kwargs go to both requests (Locust's name/context)."""
    page = http.get("/signin", allow_redirects=False, **kwargs)
    visitor, csrf = session_cookie(page), csrf_of(page.text)
    if page.status_code != 200 or not visitor or not csrf:
        return page
    return http.post("/signin", data={"username": username, "password": password, "code": "", "_csrf": csrf},
                     headers=cookie_header(visitor), allow_redirects=False, **kwargs)


def signed_in(response, landing):
    """The new session if the form answered the redirect to the person's landing page, else None."""
    if response.status_code == 302 and response.headers.get("Location", "").endswith(landing):
        return session_cookie(response)
    return None


def observation_bundle(mrn, patient_id, marker, value):
    """A hospital feed's transaction Bundle: the resident's Patient (PUT, the same each time, so the bank
    answers it as already held) and one new laboratory Observation whose identifier is the write's marker."""
    observation_urn = f"urn:uuid:{marker}"
    patient_urn = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'load-patient:' + patient_id)}"  # the same each time
    return {
        "resourceType": "Bundle", "type": "transaction",
        "entry": [
            {"fullUrl": patient_urn,
             "resource": {"resourceType": "Patient", "id": patient_id,
                          "identifier": [{"system": MRN_SYSTEM, "value": mrn}],
                          "name": [{"family": "Load", "given": ["Resident"]}], "gender": "female",
                          "birthDate": "1970-01-01"},
             "request": {"method": "PUT", "url": f"Patient/{patient_id}"}},
            {"fullUrl": observation_urn,
             "resource": {"resourceType": "Observation", "status": "final",
                          "identifier": [{"system": MARKER_SYSTEM, "value": marker}],
                          "category": [{"coding": [{
                              "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                              "code": "laboratory"}]}],
                          "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7",
                                               "display": "Glucose [Mass/volume] in Serum or Plasma"}]},
                          "subject": {"reference": patient_urn},
                          "effectiveDateTime": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                          "valueQuantity": {"value": value, "unit": "mg/dL", "system": "http://unitsofmeasure.org",
                                            "code": "mg/dL"}},
             "request": {"method": "POST", "url": "Observation"}},
        ],
    }


def bundle_accepted(response):
    """A write is acknowledged when the HTTP status is 2xx and every entry of the transaction-response is 2xx."""
    if not 200 <= response.status_code < 300:
        return False
    try:
        entries = response.json().get("entry", [])
    except ValueError:
        return False
    return bool(entries) and all(e.get("response", {}).get("status", "")[:1] == "2" for e in entries)
