package ingest

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress hears about a run as it goes. Run calls it from one goroutine.
type Progress interface {
	// Document counts one document read, with the events stored for it.
	Document(events int)
	// Error reports an item that could not be ingested.
	Error(err error)
}

type nopProgress struct{}

func (nopProgress) Document(int) {}
func (nopProgress) Error(error)  {}

// Bar is a Progress for a terminal: a bar with documents, events, rate and
// (when the total is known) ETA. Errors are printed above it.
type Bar struct {
	w      io.Writer
	bar    *progressbar.ProgressBar
	events int
}

// NewBar returns a bar writing to w; total is the number of documents
// expected, or -1 if unknown.
func NewBar(w io.Writer, total int) *Bar {
	b := &Bar{w: w}
	b.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("0 events"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("docs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
	)
	return b
}

// Document implements Progress.
func (b *Bar) Document(events int) {
	if events > 0 {
		b.events += events
		b.bar.Describe(fmt.Sprintf("%d events", b.events))
	}
	b.bar.Add(1)
}

// Error implements Progress.
func (b *Bar) Error(err error) {
	b.bar.Clear()
	fmt.Fprintln(b.w, err)
	b.bar.Add(1)
}

// Finish ends the bar.
func (b *Bar) Finish() { b.bar.Finish() }

// Log is a Progress for logs: a line every interval with the counts and
// rate, and a line per error. It speaks as the command line does ("dyad
// ingest: ...").
type Log struct {
	w        io.Writer
	interval time.Duration
	start    time.Time

	mu                   sync.Mutex
	docs, events, errors int
	stop                 chan struct{}
	done                 chan struct{}
}

// NewLog starts a Log that writes to w every interval; call Finish to stop
// it.
func NewLog(w io.Writer, interval time.Duration) *Log {
	l := &Log{w: w, interval: interval, start: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(l.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				l.line()
			case <-l.stop:
				return
			}
		}
	}()
	return l
}

func (l *Log) line() {
	l.mu.Lock()
	defer l.mu.Unlock()
	el := time.Since(l.start)
	fmt.Fprintf(l.w, "dyad ingest: %d documents, %d events, %d errors, %.1f documents/s, %s elapsed\n",
		l.docs, l.events, l.errors, float64(l.docs)/el.Seconds(), el.Round(time.Second))
}

// Document implements Progress.
func (l *Log) Document(events int) {
	l.mu.Lock()
	l.docs++
	l.events += events
	l.mu.Unlock()
}

// Error implements Progress.
func (l *Log) Error(err error) {
	l.mu.Lock()
	l.docs++
	l.errors++
	fmt.Fprintln(l.w, err)
	l.mu.Unlock()
}

// Finish stops the periodic lines.
func (l *Log) Finish() {
	close(l.stop)
	<-l.done
}
