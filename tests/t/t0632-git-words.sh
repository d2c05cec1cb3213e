#!/bin/sh
# Messages as git words them for the same situations: a repository the
# server does not have, a CA file that is not there; a private note kept
# private is a success; status says what is missing for a relationship
# without an agreement.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIR/lib-http.sh"
export MJOURNAL_TODAY=2026-11-23
trap 'kill_terminals; stop_http; cd / && rm -rf "$TRASH"' EXIT

start_http || echo "# the http server did not start"

test_expect_success 'setup: the sample programme in git, a CA named' '
	cp -R "$SAMPLE_DIR" alex &&
	git -C alex init -q &&
	git -C alex add -A && git -C alex commit -q -m "The programme" &&
	printf "https://sam:secret@127.0.0.1:%s\n" $HTTPS_PORT >"$TRASH/creds" &&
	git config --global credential.helper "store --file=$TRASH/creds" &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem"
'

test_expect_success 'a repository the server does not have: not found, as git says it' '
	url="http://127.0.0.1:$HTTP_PORT/missing.git" &&
	git -C alex remote add origin "$url" &&
	test_expect_code 128 git -C alex fetch origin 2>git-err &&
	test_grep "repository .$url/*. not found" git-err &&
	test_expect_code 2 mj -C alex sync >out 2>err &&
	test_grep "repository .$url. not found; check the address of origin (git remote -v)" err &&
	test_grep ! "status code" err &&
	git -C alex remote set-url origin "https://127.0.0.1:$HTTPS_PORT/missing.git" &&
	test_expect_code 2 mj -C alex push >out 2>err &&
	test_grep "repository .https://127.0.0.1:$HTTPS_PORT/missing.git. not found" err &&
	test_expect_code 2 mj programme "http://127.0.0.1:$HTTP_PORT/gone.git" >out 2>err &&
	test_grep "repository .http://127.0.0.1:$HTTP_PORT/gone.git. not found; check the address" err
'

test_expect_success 'a CA file that is not there: file not found, naming it' '
	make_served_repo journal.git &&
	git -C alex remote set-url origin "https://127.0.0.1:$HTTPS_PORT/journal.git" &&
	git config --global http.sslCAInfo /nonexistent.pem &&
	test_expect_code 2 mj -C alex sync >out 2>err &&
	test_grep "file not found: /nonexistent.pem; fix or remove http.sslCAInfo" err &&
	test_grep ! "not trusted" err &&
	GIT_SSL_CAINFO=/nowhere/ca.pem test_expect_code 2 mj -C alex sync >out 2>err &&
	test_grep "file not found: /nowhere/ca.pem" err &&
	git config --global http.sslCAInfo "$TRASH/tls/ca.pem" &&
	mj -C alex sync >out &&
	test_grep "Pushed main to origin" out
'

test_expect_success 'editing a private note ends as a success: kept, never committed' '
	printf "#!/bin/sh\necho \"More of my own thoughts.\" >>\"\$1\"\n" >"$TRASH/append" &&
	chmod +x "$TRASH/append" &&
	sed -e "s/^date: .*/date: 2026-11-21/" alex/sam-with-alex/2026-11-09.md \
		>alex/sam-with-alex/2026-11-21-thoughts.private.md &&
	git -C alex rev-parse HEAD >before &&
	EDITOR="$TRASH/append" mj -C alex edit sam-with-alex \
		2026-11-21-thoughts.private.md >out 2>err &&
	test_grep "^sam-with-alex/2026-11-21-thoughts.private.md is private: kept in the journal, never committed$" out &&
	test_grep ! "refusing" err &&
	git -C alex rev-parse HEAD >after &&
	test_cmp before after &&
	git -C alex ls-files >files &&
	test_grep ! "private" files
'

test_expect_success 'a note made private by its front matter: taken out of git, a success' '
	cat >"$TRASH/make-private" <<-\SCRIPT &&
	#!/bin/sh
	sed -i "s/^date: \(.*\)/date: \1\nprivate: true/" "$1"
	SCRIPT
	chmod +x "$TRASH/make-private" &&
	EDITOR="$TRASH/make-private" mj -C alex edit sam-with-alex 2026-11-09.md >out &&
	test_grep "is private now: taken out of git, kept in the journal$" out &&
	git -C alex ls-files sam-with-alex >files &&
	test_grep ! "2026-11-09.md" files &&
	test -f alex/sam-with-alex/2026-11-09.md
'

test_expect_success 'status: a relationship without an agreement says so, no "20000d over"' '
	mkdir alex/bob-with-carol &&
	cp alex/sam-with-alex/2026-10-12.md alex/bob-with-carol/ &&
	mj -C alex status >out &&
	test_grep "^bob-with-carol .* no agreement " out &&
	test_grep ! "[0-9]d over" out &&
	mj -C alex status >again &&
	test_cmp out again
'

test_done
