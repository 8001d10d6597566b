# Sourced by scripts/load.sh and scripts/cold-start.sh: starts an in-memory Azurite on free loopback ports (a developer's
# own emulator on 10000-10002 is left alone), adds its pid to the caller's `pids`, sets `azurite_pid` and sets `storage` to its
# connection string. `azurite_cpu` prints the CPU seconds Azurite (one Node process, one thread of JavaScript) has used so far.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
start_azurite() {
  local blob queue table key
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  node node_modules/azurite/dist/src/azurite.js --inMemoryPersistence --disableTelemetry --skipApiVersionCheck --loose --silent \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort "$blob" --queuePort "$queue" --tablePort "$table" >/dev/null &
  pids+=($!); azurite_pid=$!
  for _ in $(seq 1 100); do listening "$table" && break; sleep 0.2; done
  listening "$table" || { echo "Azurite did not start" >&2; exit 1; }
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1"
}
azurite_cpu() { awk -v tck="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tck }' "/proc/$azurite_pid/stat"; }
