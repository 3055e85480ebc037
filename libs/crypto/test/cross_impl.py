#!/usr/bin/env python3
"""Independent counterpart of the crypto SDK, on PyNaCl (libsodium's Python binding).

Driven by libs/crypto/src/cross-impl.int-spec.ts: each command reads one JSON
object on stdin and writes one on stdout. Nothing here is shared with the SDK:
canonical JSON, base64url, associated data and the signed payload are rebuilt
from the format description, so the test proves the SDK's output is standard
libsodium and the format is implementable elsewhere.

Commands:
  open         verify and decrypt a section record + envelope made by the SDK
  make         make org keys, a signed section and an envelope for an SDK recipient
  open-keyfile derive the keyfile key with Argon2id and decrypt an SDK keyfile
  verify-rotation  check an SDK key rotation statement
  verify-consent-receipt  check an SDK consent receipt against the signer's public key
  sign-consent-receipt    sign a consent record with a new Ed25519 key, for the SDK to verify
"""
import base64
import json
import sys

import nacl.bindings as b
import nacl.exceptions
import nacl.hash
import nacl.pwhash
import nacl.public
import nacl.signing
import nacl.utils
from nacl.encoding import RawEncoder

SECTION_ALG = "xchacha20poly1305-ietf"
ENVELOPE_ALG = "x25519-xsalsa20poly1305-seal"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def canonical(value) -> bytes:
    # RFC 8785 for the values these formats hold (strings, integers, flat
    # objects): sorted keys, no whitespace, UTF-8, no ASCII escaping.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def blake2b(data: bytes, size: int) -> bytes:
    return nacl.hash.blake2b(data, digest_size=size, encoder=RawEncoder)


def key_id(public_key: bytes) -> str:
    return b64u(blake2b(public_key, 16))


def associated_data(r) -> bytes:
    return canonical({k: r[k] for k in ("caseId", "section", "contentVersion", "keyVersion")})


def signed_payload(r, ciphertext: bytes) -> bytes:
    fields = {k: r[k] for k in ("caseId", "section", "contentVersion", "keyVersion", "alg", "nonce", "authorOrgId")}
    fields["ciphertextHash"] = b64u(blake2b(ciphertext, 32))
    return canonical(fields)


def verifies(verify_key: nacl.signing.VerifyKey, message: bytes, signature: bytes) -> bool:
    try:
        verify_key.verify(message, signature)
        return True
    except nacl.exceptions.BadSignatureError:
        return False


def cmd_open(req):
    record, envelope = req["record"], req["envelope"]
    assert record["v"] == 1 and record["alg"] == SECTION_ALG, "record format"
    assert envelope["v"] == 1 and envelope["alg"] == ENVELOPE_ALG, "envelope format"
    author_pk = unb64u(req["authorSigningPublicKey"])
    recipient_sk = nacl.public.PrivateKey(unb64u(req["recipientPrivateKey"]))
    ciphertext = unb64u(record["ciphertext"])
    verify_key = nacl.signing.VerifyKey(author_pk)

    # Signature first, as the SDK does: nothing is decrypted unless it verifies.
    if not verifies(verify_key, signed_payload(record, ciphertext), unb64u(record["signature"])):
        raise SystemExit("signature does not verify")
    tampered = bytearray(ciphertext)
    tampered[0] ^= 1
    tampered_rejected = not verifies(verify_key, signed_payload(record, bytes(tampered)), unb64u(record["signature"]))

    data_key = nacl.public.SealedBox(recipient_sk).decrypt(unb64u(envelope["sealedKey"]))
    plaintext = b.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, associated_data(record), unb64u(record["nonce"]), data_key)
    moved = dict(record, caseId=record["caseId"] + "-elsewhere")
    try:
        b.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, associated_data(moved), unb64u(record["nonce"]), data_key)
        moved_rejected = False
    except nacl.exceptions.CryptoError:
        moved_rejected = True
    return {
        "plaintext": b64u(plaintext),
        "authorKeyIdMatches": key_id(author_pk) == record["authorKeyId"],
        "recipientKeyIdMatches": key_id(bytes(recipient_sk.public_key)) == envelope["recipientKeyId"],
        "tamperedRejected": tampered_rejected,
        "movedRejected": moved_rejected,
        "sodium": b.sodium_version_string() if hasattr(b, "sodium_version_string") else "unknown",
    }


def cmd_make(req):
    signing = nacl.signing.SigningKey.generate()
    encryption = nacl.public.PrivateKey.generate()
    recipient_pk = unb64u(req["recipientPublicKey"])
    data_key = nacl.utils.random(32)
    nonce = nacl.utils.random(24)
    record = {
        "v": 1,
        "alg": SECTION_ALG,
        "caseId": req["caseId"],
        "section": req["section"],
        "contentVersion": req["contentVersion"],
        "keyVersion": req["keyVersion"],
        "nonce": b64u(nonce),
        "authorOrgId": req["authorOrgId"],
        "authorKeyId": key_id(bytes(signing.verify_key)),
    }
    ciphertext = b.crypto_aead_xchacha20poly1305_ietf_encrypt(unb64u(req["plaintext"]), associated_data(record), nonce, data_key)
    record["ciphertext"] = b64u(ciphertext)
    record["signature"] = b64u(signing.sign(signed_payload(record, ciphertext)).signature)
    envelope = {
        "v": 1,
        "alg": ENVELOPE_ALG,
        "caseId": req["caseId"],
        "section": req["section"],
        "keyVersion": req["keyVersion"],
        "recipientOrgId": req["recipientOrgId"],
        "recipientKeyId": key_id(recipient_pk),
        "sealedKey": b64u(nacl.public.SealedBox(nacl.public.PublicKey(recipient_pk)).encrypt(data_key)),
        "consentId": "consent-from-python",
        "createdAt": "2025-01-02T03:04:05.678Z",
    }
    return {
        "record": record,
        "envelope": envelope,
        "authorSigningPublicKey": b64u(bytes(signing.verify_key)),
        "authorEncryptionKeyId": key_id(bytes(encryption.public_key)),
    }


def cmd_open_keyfile(req):
    keyfile = req["keyfile"]
    kdf = keyfile["kdf"]
    assert keyfile["v"] == 1 and keyfile["alg"] == SECTION_ALG and kdf["alg"] == "argon2id13", "keyfile format"
    key = nacl.pwhash.argon2id.kdf(
        32, req["passphrase"].encode("utf-8"), unb64u(kdf["salt"]), opslimit=kdf["opslimit"], memlimit=kdf["memlimit"]
    )
    header = {"v": keyfile["v"], "alg": keyfile["alg"], "orgId": keyfile["orgId"], "kdf": kdf}
    secrets = b.crypto_aead_xchacha20poly1305_ietf_decrypt(unb64u(keyfile["ciphertext"]), canonical(header), unb64u(keyfile["nonce"]), key)
    entries = []
    for at in range(0, len(secrets), 68):
        entry = secrets[at : at + 68]
        x25519_sk, ed25519_seed = entry[4:36], entry[36:68]
        entries.append(
            {
                "keyVersion": int.from_bytes(entry[0:4], "big"),
                "encryptionKeyId": key_id(bytes(nacl.public.PrivateKey(x25519_sk).public_key)),
                "signingKeyId": key_id(bytes(nacl.signing.SigningKey(ed25519_seed).verify_key)),
            }
        )
    return {"keys": entries}


def cmd_verify_rotation(req):
    statement, current = req["statement"], req["current"]
    assert statement["v"] == 1 and statement["alg"] == "ed25519", "rotation format"
    record = statement["record"]
    ok = (
        record["keyVersion"] == current["keyVersion"] + 1
        and statement["signedByKeyId"] == current["signingKeyId"]
        and key_id(unb64u(record["signingPublicKey"])) == record["signingKeyId"]
        and key_id(unb64u(record["encryptionPublicKey"])) == record["encryptionKeyId"]
        and verifies(nacl.signing.VerifyKey(unb64u(current["signingPublicKey"])), canonical(record), unb64u(statement["signature"]))
    )
    return {"valid": ok}


def cmd_verify_consent_receipt(req):
    receipt, signer_pk = req["receipt"], unb64u(req["signerPublicKey"])
    assert receipt["v"] == 1 and receipt["alg"] == "ed25519", "receipt format"
    record = receipt["record"]
    assert record["v"] == 1 and record["alg"] == "ed25519" and record["type"] == "consent-record", "record format"
    ok = receipt["signerKeyId"] == key_id(signer_pk) and verifies(nacl.signing.VerifyKey(signer_pk), canonical(record), unb64u(receipt["signature"]))
    return {"valid": ok}


def cmd_sign_consent_receipt(req):
    key = nacl.signing.SigningKey.generate()
    record = req["record"]
    signature = key.sign(canonical(record)).signature
    receipt = {"v": 1, "alg": "ed25519", "record": record, "signerKeyId": key_id(bytes(key.verify_key)), "signature": b64u(signature)}
    return {"receipt": receipt, "signerPublicKey": b64u(bytes(key.verify_key))}


COMMANDS = {
    "open": cmd_open,
    "make": cmd_make,
    "open-keyfile": cmd_open_keyfile,
    "verify-rotation": cmd_verify_rotation,
    "verify-consent-receipt": cmd_verify_consent_receipt,
    "sign-consent-receipt": cmd_sign_consent_receipt,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        raise SystemExit("usage: cross_impl.py " + "|".join(COMMANDS))
    json.dump(COMMANDS[sys.argv[1]](json.load(sys.stdin)), sys.stdout)
