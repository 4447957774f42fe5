# OpenBao server configuration for production (non-dev): persistent, sealed at start.
# Start:  bao server -config=/etc/azukari/openbao/server.hcl   (as an unprivileged user)
# Then, once: infra/openbao/init-production (see README.md in this folder).

# Integrated storage (Raft). OpenBao 2.x has no "file" storage backend any more.
# One node works; add nodes (retry_join) for high availability.
storage "raft" {
  path    = "/var/lib/azukari/openbao/raft"
  node_id = "azukari-openbao-1"
}

listener "tcp" {
  # Only the bank, on the same host, talks to OpenBao. Bind a private address for remote clients.
  address = "127.0.0.1:8200"

  # TLS is off only because this listener is loopback-only. In production, whenever the bank
  # and OpenBao are on different hosts, serve TLS instead:
  #   tls_cert_file   = "/etc/azukari/openbao/tls/server.crt"
  #   tls_key_file    = "/etc/azukari/openbao/tls/server.key"
  #   tls_min_version = "tls13"
  # and give clients VAULT_ADDR=https://... and the CA (BAO_CACERT / the bank's truststore).
  tls_disable = true
}

api_addr     = "http://127.0.0.1:8200"
cluster_addr = "http://127.0.0.1:8201"

# No disable_mlock here: OpenBao 2.x no longer locks memory and warns that the field is
# unknown. Keep secrets out of swap at the host level instead: no swap, or encrypted swap,
# and no core dumps for the service (LimitCORE=0 in the systemd unit).

ui        = false
log_level = "info"
