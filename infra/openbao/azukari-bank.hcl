# Policy "azukari-bank": what the bank's AppRole token may do, and nothing more.
#
# The bank keeps one transit key per resident, named rk-<opaque id>, as a key-encryption key.
# It never sees key material: it asks transit to encrypt, decrypt and rewrap data keys.
#
# How OpenBao/Vault match paths (checked against OpenBao 2.7.2):
#   - "*" is a prefix glob and is only special at the END of a path: "transit/keys/rk-*"
#     also matches "transit/keys/rk-x/config", ".../rotate", ".../trim" (and ".../import").
#     A "*" in the middle ("transit/keys/rk-*/rotate") is a literal star and matches nothing.
#   - "+" only stands for a WHOLE segment ("rk-+" is literal), so it cannot say "rk-...".
#   - Within one policy only the most specific matching path applies, and a "+" path is less
#     specific than "transit/keys/rk-*", so a deny on "transit/keys/+/import" would be ignored.
# Hence one glob for the key's own endpoints, narrowed with denied_parameters below.
#
# Not granted, on purpose: anything under sys/ (no default policy on the AppRole role either),
# LIST of transit/keys (no enumerating residents), transit/export and transit/backup
# (key material never leaves OpenBao), transit/restore, transit/cache-config, transit/datakey,
# and any key not named rk-* but the access-log checkpoint key (no delete, no config: see below).

# Key lifecycle, on transit/keys/rk-<id> and the endpoints below it:
#   create                  new resident key (POST transit/keys/rk-x is a create when the key is new)
#   read                    key metadata: versions, min_decryption_version (no key material)
#   update                  rk-x/config: deletion_allowed before erasure, min_decryption_version
#                           and min_encryption_version when retiring old versions;
#                           rk-x/rotate: new key version; rk-x/trim: drop retired versions
#   delete                  crypto-erasure of a resident's data (needs deletion_allowed first)
path "transit/keys/rk-*" {
  capabilities = ["create", "read", "update", "delete"]
  denied_parameters = {
    # A key created or reconfigured as exportable, or with plaintext backup, could leave OpenBao.
    "exportable"             = []
    "allow_plaintext_backup" = []
    # Only rk-x/import and rk-x/import_version take "ciphertext": the bank never imports
    # key material of its own (bring-your-own-key would defeat the point of the KEK).
    "ciphertext" = []
  }
}

# Wrap a data key under the resident's key. Only "update": with no "create" here, encrypting
# with a missing key fails instead of silently creating it (transit's upsert needs "create").
path "transit/encrypt/rk-*" {
  capabilities = ["update"]
}

# Unwrap a data key to read the resident's records.
path "transit/decrypt/rk-*" {
  capabilities = ["update"]
}

# Re-encrypt a wrapped data key under the latest key version after a rotation, without the
# plaintext data key ever leaving OpenBao.
path "transit/rewrap/rk-*" {
  capabilities = ["update"]
}

# Access-log checkpoints: one ecdsa-p256 key, signing in the vault, never leaving it.
# The paths are exact (no "*"), so nothing below the key matches: no .../config (deletion_allowed,
# exportable, min versions), no .../rotate, .../trim or .../import. The "transit/keys/rk-*" rule
# above cannot match this key (its prefix is "rk-"), and no rule grants "delete" on it.
#   create, update          the key on the bank's first start, when it is missing. OpenBao 2.7.2
#                           checks POST transit/keys/<name> as "update" even for a new key (no
#                           existence check on this path), so "create" alone does not suffice;
#                           "create" stays for versions that do check. On an existing key the
#                           POST changes nothing, and this exact path reaches no other endpoint.
#   read                    key metadata, to refuse a key that is exportable, backed up in
#                           plaintext or deletable (no key material; public keys only)
#   not delete, no config   the bank can neither destroy nor reconfigure the key that keeps past
#                           checkpoints verifiable; rotating it is an operator's task
path "transit/keys/accesslog-checkpoints" {
  capabilities = ["create", "update", "read"]
  # Only the key type may be sent, and only this value: a key created exportable, with
  # plaintext backup, derived or of another type is refused. (Not required_parameters: that
  # would refuse the read too, which sends no parameters. A POST without "type" would create an
  # aes256-gcm96 key, which the signer refuses to use: a failed start, not a weaker key.)
  allowed_parameters = {
    "type" = ["ecdsa-p256"]
  }
}

# Sign a checkpoint (POST is "update"; signing with a missing key fails, it never creates one).
path "transit/sign/accesslog-checkpoints" {
  capabilities = ["update"]
}

# Verify a checkpoint's signature.
path "transit/verify/accesslog-checkpoints" {
  capabilities = ["update"]
}

# The bank's own token: look it up and renew it before token_ttl runs out. These would
# otherwise come from the "default" policy, which the role does not attach (it grants sys/ paths).
path "auth/token/lookup-self" {
  capabilities = ["read"]
}

path "auth/token/renew-self" {
  capabilities = ["update"]
}

# Let the bank revoke its token at shutdown.
path "auth/token/revoke-self" {
  capabilities = ["update"]
}
