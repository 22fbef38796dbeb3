#!/usr/bin/env bash
# Writes the compose stack's bearer tokens once, into the shared auth volume (kept across restarts):
#   tokens.csv              kube-apiserver --token-auth-file format: the admin (system:masters) and one line per node
#                           (system:node:NAME in system:nodes); the silos read it as their GitOps:Auth:TokenFile.
#   node-tokens/NAME        each node's token, for the node agent's --token-dir.
# Usage: make-tokens.sh DIRECTORY NODE-NAME...
set -euo pipefail
directory=$1
shift
if [ -f "$directory/tokens.csv" ]; then
  echo "tokens exist in $directory; keeping them"
  exit 0
fi
umask 077
mkdir -p "$directory/node-tokens"
new_token() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
{
  echo '# Bearer tokens: token,user,uid,"group1,group2" (kube-apiserver --token-auth-file format); read by the silos at start.'
  echo "$(new_token),admin,$(cat /proc/sys/kernel/random/uuid),system:masters"
  for node in "$@"; do
    token=$(new_token)
    printf '%s\n' "$token" > "$directory/node-tokens/$node"
    echo "$token,system:node:$node,$(cat /proc/sys/kernel/random/uuid),system:nodes"
  done
} > "$directory/tokens.csv.tmp"
mv "$directory/tokens.csv.tmp" "$directory/tokens.csv"
echo "wrote the admin token and tokens for $* in $directory"
