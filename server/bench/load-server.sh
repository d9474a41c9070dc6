# Sourced by the load scripts: starts the packaged server on the load database (aflow_load) and Redis database 11,
# stops it when the script exits, and returns once it is ready. $server holds its process id.
AFLOW_DB_HOST=127.0.0.1:5432 AFLOW_DB_NAME=aflow_load AFLOW_REDIS_URL=redis://127.0.0.1:6379/11 AFLOW_ADMIN_TOKEN=load-admin \
AFLOW_DEMO_ENABLED=false java -Xmx512m -jar server/app/target/quarkus-app/quarkus-run.jar > target-load-server.log 2>&1 &
server=$!
trap 'kill $server; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf localhost:8080/q/health/ready >/dev/null && break; sleep 1; done
