// Package queuetest runs a real NATS server with JetStream in the test's
// process, for the tests of the queue and of the commands that use it.
//
// In: a test, a directory for JetStream's files and a port (0: any free
// one). Out: a running server, shut down when the test ends, that can be
// stopped and started again on the same port and files.
package queuetest

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// Server is an in-process nats-server with JetStream on file storage.
type Server struct {
	t    testing.TB
	dir  string
	port int
	s    *server.Server
}

// Start starts a server keeping its streams under dir (t.TempDir() when
// empty) on 127.0.0.1 and a free port. It is shut down when t ends.
func Start(t testing.TB, dir string) *Server {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	s := &Server{t: t, dir: dir, port: -1}
	s.start()
	t.Cleanup(s.Stop)
	return s
}

func (s *Server) start() {
	s.t.Helper()
	ns, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: s.port, JetStream: true, StoreDir: s.dir,
		NoLog: true, NoSigs: true, ServerName: "dyad-test"})
	if err != nil {
		s.t.Fatalf("queuetest: nats-server: %v", err)
	}
	ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		ns.Shutdown()
		s.t.Fatalf("queuetest: nats-server did not start in 10s")
	}
	s.s = ns
	if s.port <= 0 {
		s.port = ns.Addr().(*net.TCPAddr).Port
	}
}

// URL is the server's client URL.
func (s *Server) URL() string { return fmt.Sprintf("nats://127.0.0.1:%d", s.port) }

// Stop shuts the server down (its files stay).
func (s *Server) Stop() {
	if s.s != nil {
		s.s.Shutdown()
		s.s.WaitForShutdown()
		s.s = nil
	}
}

// Restart stops the server and starts it again on the same port and
// files, as a server restarted by its operator.
func (s *Server) Restart() {
	s.t.Helper()
	s.Stop()
	s.start()
}
