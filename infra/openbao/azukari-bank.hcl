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
# and any key not named rk-*.

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
