#!/usr/bin/env python3
"""Independent counterpart of the crypto SDK, on PyNaCl (libsodium's Python binding).

Driven by libs/crypto/src/cross-impl.int-spec.ts: each command reads one JSON
object on stdin and writes one on stdout. Nothing here is shared with the SDK:
canonical JSON, base64url, associated data and the signed payload are rebuilt
from the format description, so the test proves the SDK's output is standard
libsodium and the format is implementable elsewhere.

Commands:
  open         verify, decrypt and unpad a section record + envelope made by the SDK
  make         make org keys, a signed section and an envelope for an SDK recipient
  open-keyfile derive the keyfile key with Argon2id and decrypt an SDK keyfile
  verify-rotation  check an SDK key rotation statement
  verify-consent-receipt  check an SDK consent receipt against the signer's public key
  sign-consent-receipt    sign a consent record with a new Ed25519 key, for the SDK to verify
  verify-directory-log    recompute an SDK key directory log, its signed head and key fingerprints
  make-directory-log      register and rotate keys, log them and sign the head, for the SDK to verify
  verify-access-log       recompute an SDK access log chain (formats 1 and 2) and its subject digests
  make-access-log         write a format 2 access log chain, for the SDK to verify
  open-referral-note      open an SDK referral note with crypto_box_seal_open and check what it is bound to
  seal-referral-note      seal a referral note with crypto_box_seal, for the SDK to open
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
SECTION_V = 2
ENVELOPE_ALG = "x25519-xsalsa20poly1305-seal"
ORG_KEY_ALG = "x25519-ed25519"

# Section content is padded before encryption (ISO/IEC 7816-4, libsodium's
# sodium_pad) to a bucket: powers of two from 1 KiB to 64 KiB, then every
# 64 KiB up to 16 MiB. The smallest bucket with room for the content and at
# least one byte of padding is used.
KIB = 1024
SMALLEST_BUCKET = 1 * KIB
LAST_POWER_OF_TWO = 64 * KIB
BUCKET_STEP = 64 * KIB
LARGEST_BUCKET = 16 * KIB * KIB


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
    return canonical({k: r[k] for k in ("v", "caseId", "section", "contentVersion", "keyVersion")})


def signed_payload(r, ciphertext: bytes) -> bytes:
    fields = {k: r[k] for k in ("v", "caseId", "section", "contentVersion", "keyVersion", "alg", "nonce", "authorOrgId")}
    fields["ciphertextHash"] = b64u(blake2b(ciphertext, 32))
    return canonical(fields)


def bucket_for(length: int) -> int:
    size = SMALLEST_BUCKET
    while size <= length and size < LAST_POWER_OF_TWO:
        size *= 2
    if size <= length:
        size = (length // BUCKET_STEP + 1) * BUCKET_STEP
    if size > LARGEST_BUCKET:
        raise ValueError("content larger than the largest bucket")
    return size


def is_bucket(size: int) -> bool:
    if SMALLEST_BUCKET <= size <= LAST_POWER_OF_TWO:
        return size & (size - 1) == 0
    return LAST_POWER_OF_TWO < size <= LARGEST_BUCKET and size % BUCKET_STEP == 0


def iso_pad(content: bytes, size: int) -> bytes:
    return content + b"\x80" + b"\x00" * (size - len(content) - 1)


def iso_unpad(padded: bytes) -> bytes:
    # Zeros from the end, then the 0x80 marker; anything else is not padding.
    end = len(padded) - 1
    while end >= 0 and padded[end] == 0:
        end -= 1
    if end < 0 or padded[end] != 0x80:
        raise ValueError("invalid padding")
    return padded[:end]


def sodium_unpad_agrees(padded: bytes, unpadded: bytes) -> bool:
    # libsodium's own unpad (PyNaCl's binding) with the whole bucket as block size.
    return b.sodium_unpad(padded, len(padded)) == unpadded and b.sodium_pad(unpadded, len(padded)) == padded


def bad_padding_rejected(padded: bytes) -> bool:
    broken = bytearray(padded)
    broken[-1] = 0x01
    rejected = 0
    for unpad in (iso_unpad, lambda p: b.sodium_unpad(p, len(p))):
        try:
            unpad(bytes(broken))
        except (ValueError, nacl.exceptions.CryptoError):
            rejected += 1
    return rejected == 2


def verifies(verify_key: nacl.signing.VerifyKey, message: bytes, signature: bytes) -> bool:
    try:
        verify_key.verify(message, signature)
        return True
    except nacl.exceptions.BadSignatureError:
        return False


def cmd_open(req):
    record, envelope = req["record"], req["envelope"]
    assert record["v"] == SECTION_V and record["alg"] == SECTION_ALG, "record format"
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
    padded = b.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, associated_data(record), unb64u(record["nonce"]), data_key)
    plaintext = iso_unpad(padded)
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
        "paddedLength": len(padded),
        "paddedLengthIsBucket": is_bucket(len(padded)),
        "bucketForContent": bucket_for(len(plaintext)),
        "sodiumUnpadAgrees": sodium_unpad_agrees(padded, plaintext),
        "badPaddingRejected": bad_padding_rejected(padded),
        "sodium": b.sodium_version_string() if hasattr(b, "sodium_version_string") else "unknown",
    }


def cmd_make(req):
    signing = nacl.signing.SigningKey.generate()
    encryption = nacl.public.PrivateKey.generate()
    recipient_pk = unb64u(req["recipientPublicKey"])
    data_key = nacl.utils.random(32)
    nonce = nacl.utils.random(24)
    record = {
        "v": SECTION_V,
        "alg": SECTION_ALG,
        "caseId": req["caseId"],
        "section": req["section"],
        "contentVersion": req["contentVersion"],
        "keyVersion": req["keyVersion"],
        "nonce": b64u(nonce),
        "authorOrgId": req["authorOrgId"],
        "authorKeyId": key_id(bytes(signing.verify_key)),
    }
    content = unb64u(req["plaintext"])
    padded = iso_pad(content, bucket_for(len(content)))
    ciphertext = b.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, associated_data(record), nonce, data_key)
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


# Key directory: an append-only log of key versions, each entry's hash
# BLAKE2b-256(previous hash || canonical JSON of the entry without "hash"),
# entry 1 after 32 zero bytes; the head {v, alg, log, size, hash, keyId,
# publicKey} is Ed25519-signed over its canonical JSON.
LOG_GENESIS = bytes(32)
DIRECTORY_HEAD_LOG = "refugio-key-directory"


def directory_entry_hash(previous: bytes, entry) -> bytes:
    body = {k: entry[k] for k in ("index", "orgId", "keyVersion", "record", "registeredAt")}
    if "rotation" in entry:
        body["rotation"] = entry["rotation"]
    return blake2b(previous + canonical(body), 32)


def org_keys_fingerprint(record) -> str:
    # BLAKE2b-128 of the record's canonical JSON, as 8 groups of 4 hex digits.
    digest = blake2b(canonical(record), 16).hex()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def head_payload(head) -> bytes:
    return canonical({k: head[k] for k in ("v", "alg", "log", "size", "hash", "keyId", "publicKey")})


def rotation_valid(record, rotation, previous) -> bool:
    return (
        record["keyVersion"] == previous["keyVersion"] + 1
        and rotation["signedByKeyId"] == previous["signingKeyId"]
        and verifies(nacl.signing.VerifyKey(unb64u(previous["signingPublicKey"])), canonical(record), unb64u(rotation["signature"]))
    )


def cmd_verify_directory_log(req):
    entries, head = req["entries"], req["head"]
    previous, chained, rotations_valid = LOG_GENESIS, True, True
    latest = {}
    for position, entry in enumerate(entries, start=1):
        computed = directory_entry_hash(previous, entry)
        chained = chained and entry["index"] == position and b64u(computed) == entry["hash"]
        record = entry["record"]
        if entry["keyVersion"] > 1:
            rotations_valid = rotations_valid and rotation_valid(record, entry["rotation"], latest[entry["orgId"]])
        latest[entry["orgId"]] = record
        previous = computed
    directory_key = unb64u(head["publicKey"])
    head_valid = (
        head["v"] == 1
        and head["alg"] == "ed25519"
        and head["log"] == DIRECTORY_HEAD_LOG
        and head["keyId"] == key_id(directory_key)
        and verifies(nacl.signing.VerifyKey(directory_key), head_payload(head), unb64u(head["signature"]))
    )
    return {
        "chained": chained,
        "rotationsValid": rotations_valid,
        "headValid": head_valid,
        "headMatchesLog": head["size"] == len(entries) and head["hash"] == b64u(previous),
        "fingerprints": {f'{e["orgId"]}@{e["keyVersion"]}': org_keys_fingerprint(e["record"]) for e in entries},
    }


def new_key_record(org_id: str, version: int):
    signing = nacl.signing.SigningKey.generate()
    encryption = nacl.public.PrivateKey.generate()
    record = {
        "v": 1,
        "alg": ORG_KEY_ALG,
        "orgId": org_id,
        "keyVersion": version,
        "encryptionPublicKey": b64u(bytes(encryption.public_key)),
        "encryptionKeyId": key_id(bytes(encryption.public_key)),
        "signingPublicKey": b64u(bytes(signing.verify_key)),
        "signingKeyId": key_id(bytes(signing.verify_key)),
    }
    return signing, record


def cmd_make_directory_log(req):
    entries, previous = [], LOG_GENESIS
    for org_id in req["orgIds"]:
        signer = None
        for version in range(1, req["versions"] + 1):
            signing, record = new_key_record(org_id, version)
            entry = {"index": len(entries) + 1, "orgId": org_id, "keyVersion": version, "record": record, "registeredAt": req["registeredAt"]}
            if signer is not None:
                entry["rotation"] = {"signedByKeyId": key_id(bytes(signer.verify_key)), "signature": b64u(signer.sign(canonical(record)).signature)}
            previous = directory_entry_hash(previous, entry)
            entry["hash"] = b64u(previous)
            entries.append(entry)
            signer = signing
    directory = nacl.signing.SigningKey.generate()
    public_key = bytes(directory.verify_key)
    head = {"v": 1, "alg": "ed25519", "log": DIRECTORY_HEAD_LOG, "size": len(entries), "hash": b64u(previous), "keyId": key_id(public_key), "publicKey": b64u(public_key)}
    head["signature"] = b64u(directory.sign(head_payload(head)).signature)
    return {"entries": entries, "head": head, "fingerprints": {f'{e["orgId"]}@{e["keyVersion"]}': org_keys_fingerprint(e["record"]) for e in entries}}


# Access log: entry hash BLAKE2b-256(prevHash || canonical JSON of the fields
# its format covers, prevHash among them). Format 1 (no "v") names actorSub;
# format 2 holds actorSubDigest = BLAKE2b-256(actorSalt || UTF-8 actorSub)
# instead, and the owner's view discloses actorSub and actorSalt beside it.
ACCESS_LOG_V1_FIELDS = ("seq", "at", "actorSub", "actorOrg", "purpose", "section", "keyVersion", "prevHash")
ACCESS_LOG_V2_FIELDS = ("v", "seq", "at", "actorOrg", "actorRole", "actorSubDigest", "purpose", "section", "keyVersion", "prevHash")


def actor_sub_digest(salt: bytes, sub: str) -> str:
    return b64u(blake2b(salt + sub.encode("utf-8"), 32))


def access_entry_hash(entry) -> str:
    fields = ACCESS_LOG_V2_FIELDS if entry.get("v") == 2 else ACCESS_LOG_V1_FIELDS
    return b64u(blake2b(unb64u(entry["prevHash"]) + canonical({k: entry[k] for k in fields}), 32))


def cmd_verify_access_log(req):
    previous, linked, hashes_valid, digests_valid, withheld = b64u(LOG_GENESIS), True, True, True, 0
    for position, entry in enumerate(req["entries"], start=1):
        linked = linked and entry["seq"] == position and entry["prevHash"] == previous
        if entry.get("withheld") is True:
            # A receipt holder's view of a format 1 entry: only its place and link.
            withheld += 1
        else:
            hashes_valid = hashes_valid and access_entry_hash(entry) == entry["hash"]
        if entry.get("v") == 2 and "actorSub" in entry:
            digests_valid = digests_valid and actor_sub_digest(unb64u(entry["actorSalt"]), entry["actorSub"]) == entry["actorSubDigest"]
        previous = entry["hash"]
    return {"linked": linked, "hashesValid": hashes_valid, "digestsValid": digests_valid, "withheld": withheld, "head": previous}


def cmd_make_access_log(req):
    entries, previous = [], b64u(LOG_GENESIS)
    for seq, read in enumerate(req["reads"], start=1):
        salt = nacl.utils.random(16)
        entry = {
            "v": 2,
            "seq": seq,
            "at": read["at"],
            "actorOrg": read["actorOrg"],
            "actorRole": read["actorRole"],
            "actorSubDigest": actor_sub_digest(salt, read["actorSub"]),
            "purpose": read["purpose"],
            "section": read["section"],
            "keyVersion": read["keyVersion"],
            "prevHash": previous,
        }
        entry["hash"] = previous = access_entry_hash(entry)
        entries.append(dict(entry, actorSub=read["actorSub"], actorSalt=b64u(salt)))
    return {"entries": entries}


REFERRAL_NOTE_TYPE = "refugio.referral-note"


def cmd_open_referral_note(req):
    note, expected = req["note"], req["expected"]
    assert note["v"] == 1 and note["alg"] == ENVELOPE_ALG, "referral note format"
    secret = nacl.public.PrivateKey(unb64u(req["recipientPrivateKey"]))
    public = bytes(secret.public_key)
    sealed = unb64u(note["sealed"])
    # crypto_box_seal_open itself, not PyNaCl's SealedBox wrapper.
    plaintext = b.crypto_box_seal_open(sealed, public, bytes(secret))
    payload = json.loads(plaintext.decode("utf-8"))
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    try:
        b.crypto_box_seal_open(bytes(tampered), public, bytes(secret))
        tampered_rejected = False
    except nacl.exceptions.CryptoError:
        tampered_rejected = True
    return {
        "note": payload["note"],
        "type": payload["type"],
        "canonical": canonical(payload) == plaintext,
        "fields": sorted(payload.keys()),
        "boundToExpected": all(payload[k] == expected[k] for k in ("referralId", "senderOrgId", "partnerOrgId")),
        "recipientKeyIdMatches": key_id(public) == note["recipientKeyId"],
        "tamperedRejected": tampered_rejected,
    }


def cmd_seal_referral_note(req):
    public = unb64u(req["recipientPublicKey"])
    context = req["context"]
    payload = {"type": REFERRAL_NOTE_TYPE, **context, "note": req["note"]}
    return {
        "v": 1,
        "alg": ENVELOPE_ALG,
        "recipientOrgId": context["partnerOrgId"],
        "recipientKeyId": key_id(public),
        "sealed": b64u(b.crypto_box_seal(canonical(payload), public)),
    }


COMMANDS = {
    "open": cmd_open,
    "make": cmd_make,
    "open-keyfile": cmd_open_keyfile,
    "verify-rotation": cmd_verify_rotation,
    "verify-consent-receipt": cmd_verify_consent_receipt,
    "sign-consent-receipt": cmd_sign_consent_receipt,
    "verify-directory-log": cmd_verify_directory_log,
    "make-directory-log": cmd_make_directory_log,
    "verify-access-log": cmd_verify_access_log,
    "make-access-log": cmd_make_access_log,
    "open-referral-note": cmd_open_referral_note,
    "seal-referral-note": cmd_seal_referral_note,
}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in COMMANDS:
        raise SystemExit("usage: cross_impl.py " + "|".join(COMMANDS))
    json.dump(COMMANDS[sys.argv[1]](json.load(sys.stdin)), sys.stdout)
