#!/bin/sh
# soak.sh - three people share one journal through a real https hub
# (nginx, git-http-backend, basic auth, a private authority) for
# SOAK_ROUNDS random rounds (default 300; SOAK_SEED picks the rounds):
# lines of their own in shared notes, new notes, renamed relationships,
# closes and reopens, an editor left open while its owner syncs, each
# person syncing at random.  After every round nothing anyone committed
# is missing from their clone after their next sync, no commit on the
# hub holds a conflict marker, and git fsck --strict passes.  soak.py
# plays the people; this script gives it the server.  TAP for prove.
. "$(dirname "$0")/../t/lib.sh"
. "$PROJECT_DIR/tests/t/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23

trap 'stop_http; kill_terminals; cd / && rm -rf "$TRASH"' EXIT

start_http || echo "# the https server did not start"

test_expect_success 'setup: an https hub with a private authority and basic auth' '
	make_served_repo journal.git &&
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds" &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem"
'

test_expect_success "${SOAK_ROUNDS:-300} rounds of three people sharing one journal" '
	python3 "$TEST_DIR/soak.py" \
		--mjournal "$MJOURNAL" --sample "$SAMPLE_DIR" --work "$TRASH/soak" \
		--hub "https://127.0.0.1:$HTTPS_PORT/journal.git" \
		--hub-dir "$TRASH/srv/journal.git" \
		--rounds "${SOAK_ROUNDS:-300}" --seed "${SOAK_SEED:-$(date +%s)}" \
		--summary "$TRASH/summary"
'
# the figures of a pass, where prove shows them
[ -f "$TRASH/summary" ] && sed "s/^/# /" "$TRASH/summary" >&2

test_done
