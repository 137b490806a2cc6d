use super::claims::{no_requests, only, NO_CASE_GAP};
use super::*;

fn values(s: &str) -> Vec<(f64, bool)> {
    counts(&chars_of(s)).into_iter().map(|c| (c.value, c.approx)).collect()
}

#[test]
fn counts_in_sentences() {
    assert_eq!(values("共受理政府信息公开申请 1295 件，办结 1191 件"), vec![(1295.0, false), (1191.0, false)]);
    assert_eq!(values("收到申请十二件、两件未办结"), vec![(12.0, false), (2.0, false)]);
    assert_eq!(values("收到申请１２件"), vec![(12.0, false)]);
    assert_eq!(values("收到申请1,234件"), vec![(1234.0, false)]);
    assert_eq!(values("100余件，1.5万件"), vec![(100.0, true)]);
    assert_eq!(values("规范性文件，第3件，按件收费"), vec![]);
    assert_eq!(values("行政复议36起，行政诉讼9起，一起研究，起诉"), vec![(36.0, false), (9.0, false)]);
}

/// What each count of a sentence is read as (`Target` in Debug form), with the context of a
/// paragraph about requests on disclosure.
fn read(s: &str) -> Vec<(String, f64)> {
    let c = chars_of(s);
    let cs = counts(&c);
    let cx = Context { request: true, on_request: true };
    (0..cs.len()).filter_map(|k| classify(&c, &cs, k, cx).map(|t| (format!("{t:?}"), cs[k].value))).collect()
}

#[test]
fn counts_are_read_by_their_nearest_keyword() {
    let r = |v: &[(&str, f64)]| v.iter().map(|(t, x)| (t.to_string(), *x)).collect::<Vec<_>>();
    for (s, want) in [
        ("2023年，共收到政府信息公开申请25件，其中上年结转2件，本年新收23件", r(&[("New", 25.0), ("Carried", 2.0), ("New", 23.0)])),
        ("全年共受理政府信息公开申请120件（含上年结转5件），已全部办结", r(&[("New", 120.0), ("Carried", 5.0)])),
        ("本年度收到政府信息公开申请12件，比上年增加5件", r(&[("New", 12.0)])),
        ("收到申请数量比上年增加5件", r(&[])),
        (
            "其中，予以公开12件，部分公开3件，不予公开1件，无法提供20件，不予处理2件，其他处理1件",
            r(&[
                ("Row(\"granted\")", 12.0),
                ("Row(\"partial\")", 3.0),
                ("Group(\"denied\")", 1.0),
                ("Group(\"unable\")", 20.0),
                ("Group(\"rejected\")", 2.0),
                ("Group(\"other\")", 1.0),
            ]),
        ),
        ("收到行政复议申请1件", r(&[("Review", 1.0)])),
        ("行政复议结果为维持1件", r(&[])),
        ("全年共办理人大代表建议和政协委员提案45件", r(&[])),
        ("受理群众来信来访20件，受理各类咨询200件", r(&[])),
        ("受理许可申请500件", r(&[])),
        ("收到上级转办的政府信息公开申请3件", r(&[])),
        ("共收到网上申请20件、信函申请5件", r(&[])),
        ("接收通过邮寄、网络提交的各类政府信息公开申请共计81件", r(&[("New", 81.0)])),
        ("上年结转的2件申请已全部办结", r(&[("Carried", 2.0)])),
        ("结转下年度办理3件", r(&[("CarryForward", 3.0)])),
        ("共办理政府信息公开申请749件", r(&[("Handled", 749.0)])),
        ("2件结转自上年", r(&[])),
        ("行政复议和诉讼案件共3件", r(&[("ReviewAndSuits", 3.0)])),
        ("复议后起诉2件", r(&[])),
        ("因政府信息公开被申请行政复议1件、提起行政诉讼2件", r(&[("Review", 1.0), ("Suits", 2.0)])),
        ("被申请行政复议2件，其中维持1件、纠正1件", r(&[("Review", 2.0)])),
        ("收到申请5件（自然人4件、法人1件）", r(&[("New", 5.0), ("Column(\"natural\")", 4.0), ("Column(\"legal_persons\")", 1.0)])),
        ("不予公开的3件均属于国家秘密", r(&[("Group(\"denied\")", 3.0)])),
        ("属于国家秘密的1件", r(&[("Row(\"denied.secret\")", 1.0)])),
        ("尚未办结的3件", r(&[("CarryForward", 3.0)])),
        ("12345热线受理群众诉求3000余件", r(&[])),
        ("全年主动公开政府信息1234条，发布政策解读20篇", r(&[])),
        ("全部公开或部分公开5件", r(&[("GrantedPartial", 5.0)])),
        ("推进高效办理一件事，每一件申请都认真办理", r(&[])),
    ] {
        assert_eq!(read(s), want, "{s}");
    }
}

fn no_requests_in(s: &str) -> bool {
    no_requests(&chars_of(s))
}

#[test]
fn none_received_only_when_it_says_none_at_all() {
    for s in [
        "2021年我乡无收到任何组织或个人依申请公开政府信息的情况",
        "本年度未收到政府信息公开申请",
        "没有收到依申请公开的相关申请",
        "本年度无政府信息公开申请",
        "无依申请公开事项",
    ] {
        assert!(no_requests_in(s), "{s}");
    }
    for s in [
        "本年度未收到行政复议申请",
        "未收到申请人补正材料",
        "本年度未收到通过信函提交的政府信息公开申请",
        "无收取信息处理费情况",
        "无其他需要报告的事项",
        "未收取信息处理费",
    ] {
        assert!(!no_requests_in(s), "{s}");
    }
    let gap = |s: &str| only(&chars_of(s), NO_CASE_GAP);
    assert!(gap("因政府信息公开引起的行政") && gap("因依申请公开被行政") && !gap("因主动公开引起的行政"));
}
