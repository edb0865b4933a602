//! A classic BPF program that picks packets at random, for tc's `bpf`
//! classifier (cls_bpf), which this kernel has even where it lacks netem:
//! `ld rand; jgt T, no; ret -1 (match); ret 0 (no match)`. A packet matches
//! when the kernel's random u32 is at most T, so with T = p·2^32 − 1 a share
//! p of the packets matches. tc prints the program back as it was given, so
//! the percentage can be read from the kernel.

/// SKF_AD_OFF (−0x1000) + SKF_AD_RANDOM (56), as a u32: `ld` from this
/// "offset" loads prandom_u32() instead of packet bytes.
const LOAD_RANDOM: u32 = 4_294_963_256;

/// The threshold T for `percent` (0 < percent ≤ 100).
fn threshold(percent: f64) -> u32 {
    let share = (percent / 100.0).clamp(0.0, 1.0);
    let t = (share * 4_294_967_296.0).round() as u64;
    t.saturating_sub(1).min(u32::MAX as u64) as u32
}

/// The program in tc's `bytecode` notation (count, then `code jt jf k`).
pub fn random_program(percent: f64) -> String {
    format!(
        "4,32 0 0 {LOAD_RANDOM},37 1 0 {},6 0 0 4294967295,6 0 0 0",
        threshold(percent)
    )
}

/// The percentage of a program made by [`random_program`], from the text
/// tc shows (`bytecode '4,32 0 0 …'`), to 0.1 %; `None` for any other.
pub fn percent_of(bytecode: &str) -> Option<f64> {
    let insns: Vec<&str> = bytecode.trim_matches('\'').split(',').collect();
    let [count, load, jump, yes, no] = insns.as_slice() else {
        return None;
    };
    if *count != "4"
        || *load != format!("32 0 0 {LOAD_RANDOM}")
        || *yes != "6 0 0 4294967295"
        || *no != "6 0 0 0"
    {
        return None;
    }
    let t: u64 = jump.strip_prefix("37 1 0 ")?.parse().ok()?;
    let percent = (t + 1) as f64 / 4_294_967_296.0 * 100.0;
    Some((percent * 10.0).round() / 10.0)
}

/// The bytecode inside a line of `tc filter show` (`… bytecode '…'`).
pub fn bytecode_in(line: &str) -> Option<&str> {
    let at = line.find("bytecode '")? + "bytecode '".len();
    let rest = &line[at..];
    Some(&rest[..rest.find('\'')?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_is_two_to_the_thirty() {
        assert_eq!(
            random_program(25.0),
            "4,32 0 0 4294963256,37 1 0 1073741823,6 0 0 4294967295,6 0 0 0"
        );
        assert_eq!(percent_of(&random_program(25.0)), Some(25.0));
        assert_eq!(percent_of(&random_program(100.0)), Some(100.0));
        assert_eq!(percent_of(&random_program(0.5)), Some(0.5));
        assert_eq!(threshold(100.0), u32::MAX);
    }

    #[test]
    fn other_programs_are_not_ours() {
        assert_eq!(
            percent_of("4,32 0 0 4294963220,37 1 0 7,6 0 0 1,6 0 0 0"),
            None
        );
        assert_eq!(percent_of("1,6 0 0 0"), None);
        let line = "filter parent 1: protocol all pref 1 bpf chain 0 handle 0x1 flowid 1:20 not_in_hw bytecode '4,32 0 0 4294963256,37 1 0 1073741823,6 0 0 4294967295,6 0 0 0'";
        assert_eq!(bytecode_in(line).and_then(percent_of), Some(25.0));
    }
}
