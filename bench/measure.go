package main

// Timing one cell (an operation, a contender, a concurrency), with the CPU
// time of the processes involved read from /proc and their peak resident
// memory sampled while it runs.

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// clockTicks is USER_HZ, the unit of utime and stime in /proc/<pid>/stat
// (100 on every Linux the project runs on).
const clockTicks = 100

// cpuSeconds returns the user + system CPU time of process pid so far.
func cpuSeconds(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) may hold spaces; fields after it are
	// counted from the closing parenthesis.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	ut, err1 := strconv.ParseFloat(f[11], 64)
	st, err2 := strconv.ParseFloat(f[12], 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return (ut + st) / clockTicks, nil
}

// rssBytes returns the resident set size of process pid.
func rssBytes(pid int) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("/proc/%d/status: no VmRSS", pid)
}

// cellSpec says how much to run in one cell.
type cellSpec struct {
	conc       int
	minN, maxN int           // requests at least / at most
	budget     time.Duration // stop starting requests after this, once minN are done
	timeout    time.Duration // per request
	rssCap     int64         // abort the cell when the server's RSS exceeds this (0: no cap)
}

type cell struct {
	lat      []time.Duration // successful requests
	errs     int
	firstErr error
	elapsed  time.Duration
	// CPU seconds per request of the server (or, for the floor, this
	// process: the client) and of Neo4j.
	cpuServer, cpuNeo4j float64
	rssMax              int64 // peak RSS of the server process (0 for the floor)
	aborted             string
}

// runCell runs spec.conc workers that each send requests of o until the
// cell has sent maxN, or minN and the budget is spent.
func runCell(ctx context.Context, c contender, o op, vars map[string]any, spec cellSpec, neo4jPid int) cell {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	serverPid := c.pid()
	if serverPid == 0 {
		serverPid = os.Getpid()
	}
	var res cell
	var mu sync.Mutex
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() { // peak RSS, and the memory cap
		defer close(sampled)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if c.pid() != 0 {
				if rss, err := rssBytes(c.pid()); err == nil {
					mu.Lock()
					res.rssMax = max(res.rssMax, rss)
					if spec.rssCap > 0 && rss > spec.rssCap && res.aborted == "" {
						res.aborted = fmt.Sprintf("server RSS %d MB > cap %d MB", rss>>20, spec.rssCap>>20)
						cancel()
					}
					mu.Unlock()
				}
			}
			select {
			case <-stopSampling:
				return
			case <-t.C:
			}
		}
	}()
	cpu0, _ := cpuSeconds(serverPid)
	neo0, _ := cpuSeconds(neo4jPid)
	start := time.Now()
	started := 0
	var wg sync.WaitGroup
	for range spec.conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				more := started < spec.maxN && (started < spec.minN || time.Since(start) < spec.budget) && ctx.Err() == nil
				if more {
					started++
				}
				mu.Unlock()
				if !more {
					return
				}
				rctx, rcancel := context.WithTimeout(ctx, spec.timeout)
				t0 := time.Now()
				_, err := c.do(rctx, o, vars)
				d := time.Since(t0)
				rcancel()
				mu.Lock()
				if err != nil {
					res.errs++
					if res.firstErr == nil {
						res.firstErr = err
					}
				} else {
					res.lat = append(res.lat, d)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	cpu1, _ := cpuSeconds(serverPid)
	neo1, _ := cpuSeconds(neo4jPid)
	close(stopSampling)
	<-sampled
	if n := float64(len(res.lat) + res.errs); n > 0 {
		res.cpuServer = (cpu1 - cpu0) / n
		res.cpuNeo4j = (neo1 - neo0) / n
	}
	sort.Slice(res.lat, func(i, j int) bool { return res.lat[i] < res.lat[j] })
	return res
}

// quantile returns the q-quantile (nearest rank) of sorted durations.
func quantile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func (c cell) throughput() float64 {
	if c.elapsed <= 0 {
		return 0
	}
	return float64(len(c.lat)) / c.elapsed.Seconds()
}

// ok says whether every request of the cell succeeded.
func (c cell) ok() bool { return c.errs == 0 && c.aborted == "" && len(c.lat) > 0 }

// median returns the median of xs (0 for none).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
