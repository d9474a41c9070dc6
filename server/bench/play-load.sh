#!/usr/bin/env bash
# Load run behind docs/benchmarks/serving.md: one packaged server on the local PostgreSQL and Redis (a fresh
# database aflow_load, Redis database 11), driven through its HTTP API by PlayLoad on the same machine.
# Usage: server/bench/play-load.sh [players] [seconds] [items] [answers-per-item] [method]
#        (after ./mvnw -q package -DskipTests)
# answers-per-item is where items retire (default 1000: none does during a run); method is the project's
# aggregation method (default: default; mv projects claim by the majority need).
set -euo pipefail
cd "$(dirname "$0")/../.."
players=${1:-32}; seconds=${2:-90}; items=${3:-10000}; answers_per_item=${4:-1000}; method=${5:-default}
psql -h 127.0.0.1 -U postgres -qc "drop database if exists aflow_load with (force)" -c "create database aflow_load"
redis-cli -n 11 flushdb >/dev/null
. server/bench/load-server.sh
# This machine's PostgreSQL runs with autovacuum off. Stand in for it, as a deployment would have it: without
# statistics the planner keeps plans made while the answer table was empty (sequential scans of it, soon of
# hundreds of thousands of rows), and dead row versions pile up.
( while sleep 20; do psql -h 127.0.0.1 -U postgres -d aflow_load -qc "vacuum analyze" 2>/dev/null || true; done ) &
vacuum=$!
trap 'kill $vacuum 2>/dev/null || true; kill $server; wait $server 2>/dev/null || true' EXIT
java -cp server/bench/target/aflow-bench.jar io.attentionflow.bench.load.PlayLoad http://127.0.0.1:8080 load-admin "$players" "$seconds" "$items" "$answers_per_item" "$server" "$method"
