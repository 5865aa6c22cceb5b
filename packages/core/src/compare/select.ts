/**
 * medianInPlace returns the median of buf (mean of the two middle values when the length is even,
 * as numpy.median), reordering buf. Quickselect (Hoare partition with median-of-three, robust to
 * the many ties of bootstrap resamples) in O(n) expected time; buf must be non-empty.
 */
export function medianInPlace(buf: Float64Array): number {
  const n = buf.length;
  const k = (n - 1) >> 1;
  const lower = selectInPlace(buf, k);
  if (n % 2 === 1) return lower;
  // After selection every element right of k is ≥ buf[k]: the upper middle is their minimum.
  let upper = buf[k + 1];
  for (let i = k + 2; i < n; i++) if (buf[i] < upper) upper = buf[i];
  return 0.5 * (lower + upper);
}

/** selectInPlace puts the k-th smallest value of buf at index k (smaller left, larger right). */
function selectInPlace(arr: Float64Array, k: number): number {
  let l = 0;
  let ir = arr.length - 1;
  for (;;) {
    if (ir <= l + 1) {
      if (ir === l + 1 && arr[ir] < arr[l]) swap(arr, l, ir);
      return arr[k];
    }
    const mid = (l + ir) >> 1;
    swap(arr, mid, l + 1);
    if (arr[l] > arr[ir]) swap(arr, l, ir);
    if (arr[l + 1] > arr[ir]) swap(arr, l + 1, ir);
    if (arr[l] > arr[l + 1]) swap(arr, l, l + 1);
    let i = l + 1;
    let j = ir;
    const pivot = arr[l + 1];
    for (;;) {
      do i++;
      while (arr[i] < pivot);
      do j--;
      while (arr[j] > pivot);
      if (j < i) break;
      swap(arr, i, j);
    }
    arr[l + 1] = arr[j];
    arr[j] = pivot;
    if (j >= k) ir = j - 1;
    if (j <= k) l = i;
  }
}

function swap(arr: Float64Array, i: number, j: number): void {
  const t = arr[i];
  arr[i] = arr[j];
  arr[j] = t;
}
