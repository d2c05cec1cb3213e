# lib-http.sh - real git servers on 127.0.0.1 for the sharing tests, each
# started by the test and stopped when its script ends: nginx serving
# git-http-backend through fcgiwrap (https with a private authority and
# basic auth, and plain http), git daemon, and a server that never answers.

# a free TCP port on 127.0.0.1
free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# waits until something listens on port $1 (up to 10 s)
wait_port() {
	_tl_i=0
	while ! python3 -c "import socket; socket.create_connection(('127.0.0.1', $1), 1)" 2>/dev/null; do
		_tl_i=$((_tl_i + 1))
		[ $_tl_i -lt 100 ] || return 1
		sleep 0.1
	done
}

# A private authority and a certificate for the IP address 127.0.0.1 that
# it signed: ca.pem, server.pem, server.key under $TRASH/tls.
make_certificates() {
	mkdir -p "$TRASH/tls" &&
	(cd "$TRASH/tls" &&
	 openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=mjournal test CA" \
		-keyout ca.key -out ca.pem 2>/dev/null &&
	 openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
		-keyout server.key -out server.csr 2>/dev/null &&
	 printf "subjectAltName = IP:127.0.0.1\n" >ext &&
	 openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
		-days 2 -extfile ext -out server.pem 2>/dev/null)
}

# start_http: nginx with git-http-backend for repositories under
# $TRASH/srv; https on $HTTPS_PORT (basic auth: sam / secret) and plain
# http on $HTTP_PORT (no auth).
start_http() {
	HTTPS_PORT=$(free_port) && HTTP_PORT=$(free_port) &&
	make_certificates &&
	mkdir -p "$TRASH/nginx/logs" "$TRASH/srv" &&
	htpasswd -bc "$TRASH/nginx/htpasswd" sam secret 2>/dev/null &&
	(fcgiwrap -c 2 -s "unix:$TRASH/nginx/fcgi.sock" </dev/null >"$TRASH/nginx/fcgiwrap.log" 2>&1 &
	 echo $! >"$TRASH/nginx/fcgiwrap.pid") &&
	cat >"$TRASH/nginx/nginx.conf" <<-CONF &&
	daemon off;
	user root;
	worker_processes 1;
	pid $TRASH/nginx/nginx.pid;
	error_log $TRASH/nginx/logs/error.log;
	events { worker_connections 64; }
	http {
	    access_log $TRASH/nginx/logs/access.log;
	    client_body_temp_path $TRASH/nginx/body;
	    fastcgi_temp_path $TRASH/nginx/fastcgi;
	    proxy_temp_path $TRASH/nginx/proxy;
	    uwsgi_temp_path $TRASH/nginx/uwsgi;
	    scgi_temp_path $TRASH/nginx/scgi;
	    client_max_body_size 0;
	    server {
	        listen 127.0.0.1:$HTTPS_PORT ssl;
	        ssl_certificate $TRASH/tls/server.pem;
	        ssl_certificate_key $TRASH/tls/server.key;
	        location / {
	            auth_basic "journal";
	            auth_basic_user_file $TRASH/nginx/htpasswd;
	            include /etc/nginx/fastcgi_params;
	            fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
	            fastcgi_param GIT_PROJECT_ROOT $TRASH/srv;
	            fastcgi_param GIT_HTTP_EXPORT_ALL "";
	            fastcgi_param PATH_INFO \$uri;
	            fastcgi_param REMOTE_USER \$remote_user;
	            fastcgi_pass unix:$TRASH/nginx/fcgi.sock;
	        }
	    }
	    server {
	        listen 127.0.0.1:$HTTP_PORT;
	        location / {
	            include /etc/nginx/fastcgi_params;
	            fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
	            fastcgi_param GIT_PROJECT_ROOT $TRASH/srv;
	            fastcgi_param GIT_HTTP_EXPORT_ALL "";
	            fastcgi_param PATH_INFO \$uri;
	            fastcgi_param REMOTE_USER anonymous;
	            fastcgi_pass unix:$TRASH/nginx/fcgi.sock;
	        }
	    }
	}
	CONF
	(nginx -c "$TRASH/nginx/nginx.conf" -p "$TRASH/nginx" </dev/null >/dev/null 2>&1 &) &&
	wait_port $HTTPS_PORT && wait_port $HTTP_PORT
}

stop_http() {
	[ -f "$TRASH/nginx/nginx.pid" ] && kill "$(cat "$TRASH/nginx/nginx.pid")" 2>/dev/null
	[ -f "$TRASH/nginx/fcgiwrap.pid" ] && kill "$(cat "$TRASH/nginx/fcgiwrap.pid")" 2>/dev/null
	# fcgiwrap's workers too: they outlive the one whose pid was kept
	pkill -f "fcgiwrap .*$TRASH/nginx/fcgi.sock" 2>/dev/null
	return 0
}

# a bare repository under $TRASH/srv that the servers let anyone push to
make_served_repo() {
	git init -q --bare "$TRASH/srv/$1" &&
	git -C "$TRASH/srv/$1" config http.receivepack true &&
	git -C "$TRASH/srv/$1" config daemon.receivepack true
}

# start_daemon: git daemon serving $TRASH/srv on $DAEMON_PORT
start_daemon() {
	DAEMON_PORT=$(free_port) &&
	git daemon --export-all --enable=receive-pack --base-path="$TRASH/srv" \
		--listen=127.0.0.1 --port=$DAEMON_PORT --reuseaddr \
		--pid-file="$TRASH/daemon.pid" --detach "$TRASH/srv" &&
	wait_port $DAEMON_PORT
}

stop_daemon() {
	[ -f "$TRASH/daemon.pid" ] && kill "$(cat "$TRASH/daemon.pid")" 2>/dev/null
	return 0
}

# start_silent: a server on $SILENT_PORT that accepts and never answers
start_silent() {
	SILENT_PORT=$(free_port) &&
	(python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $SILENT_PORT)); s.listen(8)
held = []
while True:
    c, _ = s.accept(); held.append(c)
" </dev/null >/dev/null 2>&1 & echo $! >"$TRASH/silent.pid") &&
	wait_port $SILENT_PORT
}

stop_silent() {
	[ -f "$TRASH/silent.pid" ] && kill "$(cat "$TRASH/silent.pid")" 2>/dev/null
	return 0
}
