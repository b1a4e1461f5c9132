# SPDX-License-Identifier: MIT
# nginx in front of the emulator for the engine benchmark: the pages of the benchmarked query are
# served as static files (almost no CPU), every other request is proxied to the emulator.
# Sourced by scripts/bench.

# start_page_server PAGES_DIR EMULATOR_URL WORKDIR -> prints the nginx URL; NGINX_PID_FILE is set.
start_page_server() {
    local pages="$1" upstream="$2" work="$3"
    local port
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    mkdir -p "$work/nginx"
    # nginx's workers drop to www-data when started as root: let them read the pages.
    chmod a+rx "$work" "$pages"
    chmod -R a+r "$pages"
    NGINX_PID_FILE="$work/nginx/nginx.pid"
    local first_pages=""
    [ -f "$pages/first-pages.map" ] && first_pages="include $pages/first-pages.map;"
    cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $NGINX_PID_FILE;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    upstream emulator { server ${upstream#http://}; keepalive 4; }
    # First pages a client asked for through record_pages.py, by the request target it sent.
    map_hash_bucket_size 1024;
    map \$request_uri \$first_page { default ""; $first_pages }
    server {
        listen 127.0.0.1:$port;
        root $pages;
        default_type "application/json;charset=UTF-8";
        location ~ ^/services/data/v[0-9.]+/query(All)?/?\$ {
            # A recorded first page (the engine's Id ranges) as it was recorded.
            if (\$first_page) { rewrite ^ /__page\$first_page last; }
            if (\$arg_q ~* "count%28%29|count\\(\\)") { rewrite ^ /__emulator\$uri last; }
            # The dumped cursor chain's first page: any other queryAll that is not a COUNT().
            if (\$uri ~ "/queryAll/?\$") { rewrite ^ /__page/first.json last; }
            rewrite ^ /__emulator\$uri last;
        }
        location /__page/ {
            internal;
            alias $pages/;
            # A recorded page's gzip copy to a client that asks for gzip (record_pages.py).
            gzip_static on;
        }
        # Later pages by locator.
        location ~ ^/services/data/v[0-9.]+/query(All)?/([^/]+)\$ {
            gzip_static on;
            try_files /\$2.json /__emulator\$uri;
        }
        location /__emulator/ {
            internal;
            rewrite ^/__emulator(.*)\$ \$1 break;
            proxy_pass http://emulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
        }
        location / {
            proxy_pass http://emulator;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$http_host;
        }
    }
}
CONF
    nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log"
    echo "http://127.0.0.1:$port"
}

stop_page_server() {
    [ -n "${NGINX_PID_FILE:-}" ] && [ -f "$NGINX_PID_FILE" ] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
}
