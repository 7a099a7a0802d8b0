# Sourced by .ci/run: makes sure PostgreSQL and Redis answer on loopback and
# exports the URLs the tests read.
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "ci: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "ci: starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 || { echo "ci: PostgreSQL is not reachable on 127.0.0.1:5432" >&2; exit 1; }
redis-cli -h 127.0.0.1 -p 6379 ping || { echo "ci: Redis is not reachable on 127.0.0.1:6379" >&2; exit 1; }
export VTB_TEST_POSTGRES_URL="${VTB_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}"
export VTB_TEST_REDIS_URL="${VTB_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}"
