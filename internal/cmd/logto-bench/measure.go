package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Usage is what one terraform command cost.
type Usage struct {
	// Wall is the elapsed time of the command.
	Wall time.Duration
	// CPU is the user and system time of terraform and of every child it waited
	// for (the provider processes), from wait4's rusage.
	CPU time.Duration
	// ProviderCPU is the user and system time of the provider processes, the
	// sum over every process seen of its last /proc/<pid>/stat sample.
	ProviderCPU time.Duration
	// ProviderPeakRSS is the largest VmHWM (peak resident set) of any provider
	// process of the command, in bytes; 0 when none was seen.
	ProviderPeakRSS int64
	// ProviderProcesses is how many provider processes terraform started.
	ProviderProcesses int
}

// providerSample is the last /proc reading of one provider process.
type providerSample struct {
	hwm int64         // VmHWM, bytes
	cpu time.Duration // utime + stime
}

// runTerraform runs terraform with args in dir and returns its cost. While it
// runs, the provider processes it starts (children whose command name begins
// with "terraform-provi") are sampled every interval from /proc: VmHWM is a
// high-water mark, so the last sample before a process exits holds its peak,
// short of what it grew in its last interval at most.
func runTerraform(ctx context.Context, dir string, env []string, interval time.Duration, args ...string) (Usage, []byte, error) {
	cmd := exec.CommandContext(ctx, "terraform", args...)
	cmd.Dir = dir
	cmd.Env = env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Usage{}, nil, err
	}
	samples := map[int]providerSample{}
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			for _, pid := range providerChildren(cmd.Process.Pid) {
				if s, ok := sampleProcess(pid); ok {
					mu.Lock()
					samples[pid] = s
					mu.Unlock()
				}
			}
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err := cmd.Wait()
	wall := time.Since(start)
	close(done)
	wg.Wait()

	u := Usage{Wall: wall, ProviderProcesses: len(samples)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	for _, s := range samples {
		u.ProviderCPU += s.cpu
		u.ProviderPeakRSS = max(u.ProviderPeakRSS, s.hwm)
	}
	if err != nil {
		return u, out.Bytes(), fmt.Errorf("terraform %s: %w", strings.Join(args, " "), err)
	}
	return u, out.Bytes(), nil
}

// providerChildren returns the pids of the processes whose parent is ppid and
// whose command name starts with "terraform-provi" (/proc/<pid>/stat truncates
// names to 15 characters). It scans /proc: /proc/<pid>/task/<tid>/children is
// not available on every kernel.
func providerChildren(ppid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		raw, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		name, parent, _, ok := parseStat(raw)
		if ok && parent == ppid && strings.HasPrefix(name, "terraform-provi") {
			pids = append(pids, pid)
		}
	}
	return pids
}

// clockTick is the unit of utime and stime in /proc/<pid>/stat (USER_HZ,
// 100 on Linux).
const clockTick = 10 * time.Millisecond

// parseStat reads the command name, parent pid and utime+stime of a
// /proc/<pid>/stat line.
func parseStat(raw []byte) (name string, ppid int, cpu time.Duration, ok bool) {
	s := string(raw)
	open, closing := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || closing < open {
		return "", 0, 0, false
	}
	name = s[open+1 : closing]
	// Fields after the name: state(3) ppid(4) ... utime(14) stime(15).
	fields := strings.Fields(s[closing+1:])
	if len(fields) < 13 {
		return "", 0, 0, false
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return "", 0, 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return "", 0, 0, false
	}
	return name, ppid, time.Duration(utime+stime) * clockTick, true
}

// sampleProcess reads VmHWM and CPU time of pid.
func sampleProcess(pid int) (providerSample, bool) {
	dir := filepath.Join("/proc", strconv.Itoa(pid))
	status, err := os.ReadFile(filepath.Join(dir, "status"))
	if err != nil {
		return providerSample{}, false
	}
	hwm, ok := parseHWM(status)
	if !ok {
		return providerSample{}, false
	}
	raw, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return providerSample{}, false
	}
	_, _, cpu, ok := parseStat(raw)
	return providerSample{hwm: hwm, cpu: cpu}, ok
}

// parseHWM returns VmHWM in bytes from /proc/<pid>/status.
func parseHWM(status []byte) (int64, bool) {
	for _, line := range strings.Split(string(status), "\n") {
		rest, found := strings.CutPrefix(line, "VmHWM:")
		if !found {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, false
		}
		kb, err := strconv.ParseInt(fields[0], 10, 64)
		return kb * 1024, err == nil
	}
	return 0, false
}
