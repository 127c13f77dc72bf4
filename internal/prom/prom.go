// Package prom writes metrics in Prometheus' text exposition format, for
// the /metrics pages of "dyad serve" and "dyad worker".
//
// In: metric names, help texts, label pairs and values. Out: the lines of
// the text format (version 0.0.4) on an io.Writer.
package prom

import (
	"fmt"
	"io"
	"strings"
)

// ContentType is the Content-Type of the text format.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Label quotes a label value.
func Label(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(v) + `"`
}

// Head writes the HELP and TYPE lines of a metric; typ is counter, gauge
// or histogram.
func Head(w io.Writer, name, typ, help string) {
	fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, typ)
}

// Sample writes one sample of a metric; labels are name, value pairs.
func Sample(w io.Writer, name string, v float64, labels ...string) {
	io.WriteString(w, name)
	if len(labels) > 0 {
		io.WriteString(w, "{")
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				io.WriteString(w, ",")
			}
			io.WriteString(w, labels[i]+"="+Label(labels[i+1]))
		}
		io.WriteString(w, "}")
	}
	fmt.Fprintf(w, " %g\n", v)
}
