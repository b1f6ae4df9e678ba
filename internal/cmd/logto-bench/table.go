package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// tokenRoute is the emulator's counter key of token requests.
const tokenRoute = "POST /oidc/token"

// PhaseUnbatched is the name of the second plan, run with batch_reads off.
const PhaseUnbatched = "plan-unbatched"

// Phase is one terraform command run on both configurations.
type Phase struct {
	// Name is apply, plan, plan-unbatched or destroy.
	Name string
	// Logto is the cost of the command on the Logto configuration.
	Logto Usage
	// Floor is the cost of the same command on as many independent
	// terraform_data instances (Floor).
	Floor Usage
	// Shaped is the cost of the same command on terraform_data instances in
	// the shape of the Logto configuration: same counts, same references
	// (ShapedFloor).
	Shaped Usage
	// Requests counts the emulator's requests during the Logto command, by
	// route key ("GET /api/applications/{id}"), token requests included.
	Requests map[string]int
}

// Result is the outcome of one N.
type Result struct {
	// Objects counts the Logto configuration's resource instances by type.
	Objects map[string]int
	// Latency is the emulator's per-request latency.
	Latency time.Duration
	// Parallelism is terraform's -parallelism.
	Parallelism int
	// Phases are the commands in the order they ran.
	Phases []Phase
}

// Total is the number of Logto resource instances.
func (r Result) Total() int {
	n := 0
	for _, v := range r.Objects {
		n += v
	}
	return n
}

// ratio formats a/b, or "-" when b is zero.
func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f×", float64(a)/float64(b))
}

// seconds formats d in seconds with two decimals.
func seconds(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }

// mebibytes formats a byte count in MiB, or "-" for 0 (not measured).
func mebibytes(b int64) string {
	if b <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}

// PrintResult writes the figures of one N: a table of the phases (wall time
// and CPU beside terraform_data's and their ratio, provider CPU and peak RSS,
// requests and token requests), then the requests per object by route and
// phase.
func PrintResult(w io.Writer, r Result) error {
	n := r.Total()
	fmt.Fprintf(w, "\nN = %d objects of %d types (%s); emulator latency %s; -parallelism=%d\n",
		n, len(r.Objects), describeObjects(r.Objects), r.Latency, r.Parallelism)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\twall\tterraform_data\tratio\tsame shape\tratio\t"+
		"CPU\tterraform_data\tratio\tsame shape\tratio\tprovider CPU\tprovider peak RSS\trequests\treq/object\ttokens\t")
	for _, p := range r.Phases {
		total, perObject := requests(p, n)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%d\t\n",
			p.Name, seconds(p.Logto.Wall), seconds(p.Floor.Wall), ratio(p.Logto.Wall, p.Floor.Wall),
			seconds(p.Shaped.Wall), ratio(p.Logto.Wall, p.Shaped.Wall),
			seconds(p.Logto.CPU), seconds(p.Floor.CPU), ratio(p.Logto.CPU, p.Floor.CPU),
			seconds(p.Shaped.CPU), ratio(p.Logto.CPU, p.Shaped.CPU),
			seconds(p.Logto.ProviderCPU), mebibytes(p.Logto.ProviderPeakRSS),
			total, perObject, p.Requests[tokenRoute])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return printRoutes(w, r, n)
}

// requests is the number of requests of a phase and their number per object
// ("-" when there are no objects).
func requests(p Phase, n int) (int, string) {
	total := 0
	for _, c := range p.Requests {
		total += c
	}
	if n <= 0 {
		return total, "-"
	}
	return total, fmt.Sprintf("%.2f", float64(total)/float64(n))
}

// PhaseSummary is one line of a phase's figures, printed as soon as the phase
// has run, so that a long run shows them before its table.
func PhaseSummary(p Phase, n int) string {
	total, perObject := requests(p, n)
	return fmt.Sprintf("%s: wall %s (terraform_data %s, %s; same shape %s, %s), "+
		"CPU %s (terraform_data %s, %s; same shape %s, %s), "+
		"provider CPU %s, provider peak RSS %s, %d requests (%s/object), token requests %d",
		p.Name, seconds(p.Logto.Wall), seconds(p.Floor.Wall), ratio(p.Logto.Wall, p.Floor.Wall),
		seconds(p.Shaped.Wall), ratio(p.Logto.Wall, p.Shaped.Wall),
		seconds(p.Logto.CPU), seconds(p.Floor.CPU), ratio(p.Logto.CPU, p.Floor.CPU),
		seconds(p.Shaped.CPU), ratio(p.Logto.CPU, p.Shaped.CPU),
		seconds(p.Logto.ProviderCPU), mebibytes(p.Logto.ProviderPeakRSS), total, perObject, p.Requests[tokenRoute])
}

// printRoutes writes requests per object by route (rows) and phase (columns),
// routes sorted by path then method.
func printRoutes(w io.Writer, r Result, n int) error {
	seen := map[string]bool{}
	for _, p := range r.Phases {
		for route, c := range p.Requests {
			if c > 0 {
				seen[route] = true
			}
		}
	}
	routes := make([]string, 0, len(seen))
	for route := range seen {
		routes = append(routes, route)
	}
	sort.Slice(routes, func(i, j int) bool {
		mi, pi, _ := strings.Cut(routes[i], " ")
		mj, pj, _ := strings.Cut(routes[j], " ")
		if pi != pj {
			return pi < pj
		}
		return mi < mj
	})
	width := len("route")
	for _, route := range routes {
		width = max(width, len(route))
	}
	fmt.Fprintln(w, "\nrequests per object, by route")
	column := 8
	for _, p := range r.Phases {
		column = max(column, len(p.Name))
	}
	var line strings.Builder
	fmt.Fprintf(&line, "%-*s", width, "route")
	for _, p := range r.Phases {
		fmt.Fprintf(&line, " %*s", column, p.Name)
	}
	if _, err := fmt.Fprintln(w, line.String()); err != nil {
		return err
	}
	for _, route := range routes {
		line.Reset()
		fmt.Fprintf(&line, "%-*s", width, route)
		for _, p := range r.Phases {
			fmt.Fprintf(&line, " %*.3f", column, float64(p.Requests[route])/float64(max(n, 1)))
		}
		if _, err := fmt.Fprintln(w, line.String()); err != nil {
			return err
		}
	}
	return nil
}

// describeObjects lists the counts by type, largest first, e.g.
// "logto_application 27, logto_api_resource_scope 6, …".
func describeObjects(objects map[string]int) string {
	types := make([]string, 0, len(objects))
	for t := range objects {
		types = append(types, t)
	}
	sort.Slice(types, func(i, j int) bool {
		if objects[types[i]] != objects[types[j]] {
			return objects[types[i]] > objects[types[j]]
		}
		return types[i] < types[j]
	})
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%s %d", t, objects[t])
	}
	return strings.Join(parts, ", ")
}
