// Command natsd runs a NATS server with JetStream on file storage, the
// same server (github.com/nats-io/nats-server/v2) that "nats-server -js"
// runs, built from dyad's own module so that bench/queue.sh and a local
// try-out need nothing else installed. It runs until interrupted.
//
//	go run ./bench/natsd -port 4222 -dir /tmp/nats
//
// In production run the nats-server release or Debian's nats-server
// package instead (see docs/scale-out.md).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 4222, "client port")
	dir := flag.String("dir", "", "directory for JetStream's files (required)")
	flag.Parse()
	if *dir == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "natsd: usage: natsd -dir DIR [-host 127.0.0.1] [-port 4222]")
		os.Exit(2)
	}
	s, err := server.NewServer(&server.Options{Host: *host, Port: *port, JetStream: true, StoreDir: *dir, NoSigs: true, ServerName: "dyad-natsd"})
	if err != nil {
		fmt.Fprintf(os.Stderr, "natsd: %v\n", err)
		os.Exit(1)
	}
	s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		fmt.Fprintln(os.Stderr, "natsd: the server did not start in 30s")
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "natsd: listening on nats://%s:%d, JetStream files in %s\n", *host, *port, *dir)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	s.Shutdown()
	s.WaitForShutdown()
}
