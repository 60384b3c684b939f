// Package parallel runs independent jobs on a fixed number of goroutines,
// for the training and evaluation commands that fit many models at once.
package parallel

// Do runs f(0), …, f(n-1) on at most workers goroutines (at least one) and
// returns when all have returned. f must be safe to call concurrently; each
// index is passed exactly once.
func Do(n, workers int, f func(i int)) {
	next := make(chan int)
	done := make(chan struct{})
	workers = max(1, min(workers, n))
	for w := 0; w < workers; w++ {
		go func() {
			for i := range next {
				f(i)
			}
			done <- struct{}{}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	for w := 0; w < workers; w++ {
		<-done
	}
}
