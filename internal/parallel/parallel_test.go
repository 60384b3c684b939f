package parallel

import (
	"sync/atomic"
	"testing"
)

// Every index runs exactly once, whatever the number of workers, and Do
// returns only when all have run.
func TestDoRunsEachIndexOnce(t *testing.T) {
	for _, workers := range []int{-1, 0, 1, 3, 100} {
		var seen [50]atomic.Int32
		Do(len(seen), workers, func(i int) { seen[i].Add(1) })
		for i := range seen {
			if n := seen[i].Load(); n != 1 {
				t.Errorf("workers %d: index %d ran %d times", workers, i, n)
			}
		}
	}
	Do(0, 4, func(int) { t.Error("ran with n = 0") })
}
