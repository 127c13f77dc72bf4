package main

import (
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServeDemo starts "dyad serve --demo" as a newcomer would: the home
// page it serves shows the example articles, and the throwaway store is
// gone when the server stops.
func TestServeDemo(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(env{args: []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, stdin: strings.NewReader(""),
			stdout: io.Discard, stderr: &errb, getenv: func(string) string { return "" }})
	}()
	listening := regexp.MustCompile(`listening on (http://\S+)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == ""; {
		if m := listening.FindStringSubmatch(errb.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("dyad serve --demo exited %d: %s", code, errb.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("dyad serve --demo is not listening: %s", errb.String())
		}
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "21 documents") || strings.Contains(string(body), `id="load-examples"`) {
		t.Errorf("the demo's home page: %d, shows 21 documents: %v", resp.StatusCode, strings.Contains(string(body), "21 documents"))
	}
	if r := run(env{args: []string{"serve", "--demo", "--db", "x.db"}, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard,
		getenv: func(string) string { return "" }}); r != exitUsage {
		t.Errorf("--demo with --db: exit %d, want %d", r, exitUsage)
	}
	syscall.Kill(os.Getpid(), syscall.SIGINT)
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("exit %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("dyad serve --demo did not stop on SIGINT")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("the throwaway store is left behind: %v", left)
	}
}
