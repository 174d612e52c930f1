#!/usr/bin/env bash
# Starts or stops a throwaway Virtuoso (Debian's virtuoso-opensource) for tupu's remote-store
# tests: its own database in DIR, SQL on port SQL_PORT, HTTP (SPARQL at /sparql, the Graph
# Store Protocol at /sparql-graph-crud) on HTTP_PORT, on localhost only.
#   tests/tools/virtuoso.sh start DIR HTTP_PORT SQL_PORT
#   tests/tools/virtuoso.sh load SQL_PORT FOLDER   (bulk-loads FOLDER/*.nq, see below)
#   tests/tools/virtuoso.sh stop DIR
# VIRTUOSO_BUFFERS (8 KiB pages of cache; default 170000, 1.3 GiB) and VIRTUOSO_LOAD_DIR (a
# folder `load` may read) are read by `start`.
set -euo pipefail
cmd=$1 dir=$2
case "$cmd" in
start)
    http=$3 sql=$4
    mkdir -p "$dir"
    cat > "$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile = $dir/virtuoso.db
ErrorLogFile = $dir/virtuoso.log
LockFile = $dir/virtuoso.lck
TransactionFile = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
[TempDatabase]
DatabaseFile = $dir/virtuoso-temp.db
TransactionFile = $dir/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$sql
DisableUnixSocket = 1
NumberOfBuffers = ${VIRTUOSO_BUFFERS:-170000}
MaxDirtyBuffers = $(( ${VIRTUOSO_BUFFERS:-170000} * 3 / 4 ))
DirsAllowed = ., $dir${VIRTUOSO_LOAD_DIR:+, $VIRTUOSO_LOAD_DIR}
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
[HTTPServer]
ServerPort = 127.0.0.1:$http
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
; No refusal by estimate: after a bulk load Virtuoso's estimates are off by orders of
; magnitude (it refused queries that then ran in seconds); MaxQueryExecutionTime bounds them.
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
INI
    # exec: the pid recorded is the server's own, so that `stop` stops it.
    (cd "$dir" && exec virtuoso-t +configfile "$dir/virtuoso.ini" +foreground > "$dir/stdout.log" 2>&1) &
    echo $! > "$dir/pid"
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" > /dev/null 2>&1; then
            # Anonymous SPARQL may write (localhost only): updates and the Graph Store Protocol.
            isql-vt "127.0.0.1:$sql" dba dba exec='GRANT SPARQL_UPDATE TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL"; GRANT EXECUTE ON DB.DBA.L_O_LOOK TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARUL_RUN TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_CONSTRUCT_ACC TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_CONSTRUCT_FIN TO "SPARQL"; GRANT EXECUTE ON DB.DBA.SPARQL_RESULTS_WRITE TO "SPARQL"; GRANT EXECUTE ON DB.DBA.TTLP_MT TO "SPARQL"; GRANT EXECUTE ON DB.DBA.RDF_GRAPH_GROUP_INS TO "SPARQL";' > "$dir/grant.log" 2>&1
            exit 0
        fi
        sleep 1
    done
    echo "virtuoso did not start; see $dir/virtuoso.log" >&2
    exit 1
    ;;
load)
    # An archive loaded by Virtuoso's bulk loader instead of article by article: the files
    # are `tupu export --format nquads` of a store folder (split as you like), whose default
    # graph is the merge; it goes into tupu's merge graph, each article into its own graph:
    # the layout `--store http://…` reads and writes.
    sql=$2 folder=$3
    isql-vt "127.0.0.1:$sql" dba dba exec="ld_dir('$folder', '*.nq', 'https://w3id.org/tupu/graph/merged');" > /dev/null
    # One loader per core, each taking the next file.
    for _ in $(seq 1 "$(nproc)"); do
        isql-vt "127.0.0.1:$sql" dba dba exec="rdf_loader_run();" > /dev/null &
    done
    wait
    isql-vt "127.0.0.1:$sql" dba dba exec="checkpoint;" > /dev/null
    # A file the loader could not read is named in DB.DBA.LOAD_LIST with its error.
    isql-vt "127.0.0.1:$sql" dba dba exec="SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL;"
    ;;
stop)
    if [ -f "$dir/pid" ]; then
        kill "$(cat "$dir/pid")" 2> /dev/null || true
        for _ in $(seq 1 30); do kill -0 "$(cat "$dir/pid")" 2> /dev/null || break; sleep 1; done
        kill -9 "$(cat "$dir/pid")" 2> /dev/null || true
        rm -f "$dir/pid"
    fi
    ;;
esac
