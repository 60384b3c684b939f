package bench

import (
	"time"

	"github.com/credence-news/credence/internal/cputime"
)

// cpuTime is the CPU time the process has used so far (0 where it is not
// measured: the CPU-time metrics are then left out).
func cpuTime() time.Duration { return cputime.Used() }
