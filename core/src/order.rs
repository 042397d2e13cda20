//! Stable sorting that compiles to one sort routine for the whole program.
//!
//! The standard library's stable sort is instantiated afresh for every element
//! type and every comparison closure: about 4 KB of WebAssembly each, and the
//! app and the core had some forty of them. Here the sort itself runs once, over
//! indices with a comparison behind `&dyn`, and only the small "move the
//! elements into their new order" step is generic. The result is exactly that
//! of `slice::sort_by`: stable, equal elements keep their order.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let dest = {
        let items: &[T] = v;
        destinations(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })
    };
    permute(v, dest);
}

/// Sorts `v` stably by the key `key` gives, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Where each of `len` elements compared by index goes in the stable order:
/// the one place a sort routine is instantiated.
#[inline(never)]
fn destinations(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    let mut dest = vec![0; len];
    for (new, &old) in order.iter().enumerate() {
        if let Some(d) = dest.get_mut(old) {
            *d = new;
        }
    }
    dest
}

/// Moves every element to its destination in place.
fn permute<T>(v: &mut [T], dest: Vec<usize>) {
    apply(dest, &mut |i, d| v.swap(i, d));
}

/// The swaps that put each element where `dest` says: each swap settles one
/// element, so at most `len` of them. Not generic, like `destinations`.
#[inline(never)]
fn apply(mut dest: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for i in 0..dest.len() {
        while let Some(&d) = dest.get(i) {
            if d == i {
                break;
            }
            swap(i, d);
            dest.swap(i, d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs with many equal keys, so stability shows.
        let data: Vec<(u8, usize)> = (0..200).map(|i| (((i * 7919) % 13) as u8, i)).collect();
        let mut ours = data.clone();
        sort_by_key(&mut ours, |p| p.0);
        let mut std_sorted = data.clone();
        std_sorted.sort_by_key(|p| p.0);
        assert_eq!(ours, std_sorted);
        let mut reversed = data.clone();
        sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
        let mut std_reversed = data;
        std_reversed.sort_by_key(|p| std::cmp::Reverse(p.0));
        assert_eq!(reversed, std_reversed);
    }

    #[test]
    fn keeps_every_element() {
        let mut words = vec!["pera", "Manzana", "kiwi", "manzana", ""];
        sort_by_key(&mut words, |w| w.to_lowercase());
        assert_eq!(words, vec!["", "kiwi", "Manzana", "manzana", "pera"]);
        let mut empty: Vec<u8> = Vec::new();
        sort_by(&mut empty, |a, b| a.cmp(b));
        assert!(empty.is_empty());
    }
}
