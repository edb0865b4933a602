//! Ladders the ladder tests draw: the typical 8-segment loopback
//! connection (connect, send "Hello!!", close first at the client) and one
//! whose data segment was lost and sent again.

#![allow(dead_code)]

use std::time::Duration;

use stackviz::session::ladder::{Arrow, End, Ladder, LadderRow};

pub const CLIENT_ISN: u32 = 1_823_945_207;
pub const SERVER_ISN: u32 = 3_050_727_115;

fn us(micros: u64) -> Option<Duration> {
    Some(Duration::from_micros(micros))
}

pub fn call(end: End, call: &str, result: &str, at: u64) -> LadderRow {
    LadderRow::Call {
        end,
        call: call.into(),
        result: result.into(),
        at: us(at),
    }
}

pub fn state(end: End, state: &str) -> LadderRow {
    LadderRow::State {
        end,
        state: state.into(),
    }
}

/// A segment; seq/ack relative, absolute ones from the two ISNs; `win`
/// scaled by 2^10 unless the segment is a SYN.
pub fn segment(
    number: usize,
    from: End,
    flags: &str,
    seq: u32,
    ack: Option<u32>,
    length: usize,
    at: u64,
) -> LadderRow {
    let (own, peer) = match from {
        End::Left => (CLIENT_ISN, SERVER_ISN),
        End::Right => (SERVER_ISN, CLIENT_ISN),
    };
    let syn = flags.contains("SYN");
    let window = if syn {
        65495 - 12 * u16::from(from == End::Right)
    } else {
        64
    };
    LadderRow::Segment(Arrow {
        number,
        from,
        flags: flags.into(),
        seq,
        ack,
        seq_absolute: own.wrapping_add(seq),
        ack_absolute: ack.map(|a| peer.wrapping_add(a)),
        length,
        window,
        window_bytes: (!syn).then_some(u32::from(window) << 10),
        at: us(at),
        lost: false,
        retransmission: false,
        observed: true,
    })
}

/// The column titles in the test's language.
pub fn titles(chinese: bool) -> (String, String) {
    if chinese {
        (
            "客户端 127.0.0.1:41234".into(),
            "服务器 127.0.0.1:15001".into(),
        )
    } else {
        (
            "client 127.0.0.1:41234".into(),
            "server 127.0.0.1:15001".into(),
        )
    }
}

/// `stackviz send --tcp` as root: every segment captured. The client closes
/// first and the server's FIN carries its ACK of the client's FIN, so the
/// teardown is FIN,ACK; FIN,ACK; ACK and the client goes from FIN_WAIT_1
/// straight to TIME_WAIT (FIN_WAIT_2 is in `lost_and_resent`).
pub fn connection(chinese: bool) -> Ladder {
    use End::{Left as C, Right as S};
    let (left, right) = titles(chinese);
    Ladder {
        left,
        right,
        rows: vec![
            call(S, "socket(AF_INET, SOCK_STREAM, 0)", "3", 12),
            call(S, "bind(3, 127.0.0.1:15001)", "0", 20),
            call(S, "listen(3, 1)", "0", 25),
            state(S, "LISTEN"),
            call(C, "socket(AF_INET, SOCK_STREAM, 0)", "4", 31),
            state(C, "SYN_SENT"),
            segment(1, C, "SYN", 0, None, 0, 40),
            segment(2, S, "SYN, ACK", 0, Some(1), 0, 47),
            segment(3, C, "ACK", 1, Some(1), 0, 52),
            call(C, "connect(4, 127.0.0.1:15001)", "0", 55),
            state(C, "ESTABLISHED"),
            call(S, "accept(3)", "5", 61),
            state(S, "ESTABLISHED"),
            call(C, "send(4, \"Hello!!\", 7)", "7", 70),
            segment(4, C, "PSH, ACK", 1, Some(1), 7, 74),
            segment(5, S, "ACK", 1, Some(8), 0, 80),
            call(S, "recv(5, 65536)", "7", 86),
            call(C, "close(4)", "0", 90),
            state(C, "FIN_WAIT_1"),
            segment(6, C, "FIN, ACK", 8, Some(1), 0, 93),
            state(S, "CLOSE_WAIT"),
            call(S, "recv(5, 65536)", "0", 99),
            call(S, "close(5)", "0", 104),
            state(S, "LAST_ACK"),
            segment(7, S, "FIN, ACK", 1, Some(9), 0, 107),
            state(C, "TIME_WAIT"),
            segment(8, C, "ACK", 9, Some(2), 0, 111),
            state(S, "CLOSED"),
        ],
    }
}

/// The same connection seen without privileges: only the client's SYN is
/// observed (TCP_SAVED_SYN), every other arrow is predicted.
pub fn unprivileged(chinese: bool) -> Ladder {
    let mut ladder = connection(chinese);
    for row in &mut ladder.rows {
        if let LadderRow::Segment(arrow) = row {
            arrow.observed = arrow.number == 1;
        }
    }
    ladder
}

/// The data segment lost on the way and sent again; the server
/// acknowledges the client's FIN at once and closes later, so the teardown
/// takes four segments and the client waits in FIN_WAIT_2.
pub fn lost_and_resent() -> Ladder {
    use End::{Left as C, Right as S};
    let (left, right) = titles(false);
    let mut lost = segment(4, C, "PSH, ACK", 1, Some(1), 7, 74);
    if let LadderRow::Segment(arrow) = &mut lost {
        arrow.lost = true;
    }
    let mut again = segment(5, C, "PSH, ACK", 1, Some(1), 7, 204_074);
    if let LadderRow::Segment(arrow) = &mut again {
        arrow.retransmission = true;
    }
    Ladder {
        left,
        right,
        rows: vec![
            state(S, "LISTEN"),
            state(C, "SYN_SENT"),
            segment(1, C, "SYN", 0, None, 0, 40),
            segment(2, S, "SYN, ACK", 0, Some(1), 0, 47),
            segment(3, C, "ACK", 1, Some(1), 0, 52),
            state(C, "ESTABLISHED"),
            state(S, "ESTABLISHED"),
            call(C, "send(4, \"Hello!!\", 7)", "7", 70),
            lost,
            again,
            segment(6, S, "ACK", 1, Some(8), 0, 204_080),
            call(S, "recv(5, 65536)", "7", 204_086),
            call(C, "close(4)", "0", 204_090),
            state(C, "FIN_WAIT_1"),
            segment(7, C, "FIN, ACK", 8, Some(1), 0, 204_093),
            state(S, "CLOSE_WAIT"),
            segment(8, S, "ACK", 1, Some(9), 0, 204_097),
            state(C, "FIN_WAIT_2"),
            call(S, "close(5)", "0", 250_104),
            state(S, "LAST_ACK"),
            segment(9, S, "FIN, ACK", 1, Some(9), 0, 250_107),
            state(C, "TIME_WAIT"),
            segment(10, C, "ACK", 9, Some(2), 0, 250_111),
            state(S, "CLOSED"),
        ],
    }
}
