//! The HTML report's stylesheet and script, inlined into every page (the
//! report is one self-contained file: no network, no external assets).
//!
//! Made for a projector: 18 px body text at 1400 px with a zoom control,
//! full-width tables of equal width, a colour-blind-safe palette (Okabe–Ito
//! hues, strong enough to survive a washed-out beam, always beside a text
//! label), a print stylesheet, and a step-through mode.

/// Layer colours: Okabe and Ito's palette for colour-vision deficiency,
/// lightened just enough for black text to stay readable on it.
pub const STYLE: &str = r#"
:root{--z:1;--app:#e7a3cc;--tra:#f3bf4f;--net:#4fc3a1;--link:#86c8ef;--phy:#efe56a;--ink:#111;--rule:#666}
html{font-size:calc(18px*var(--z))}
body{font:1rem/1.5 system-ui,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1400px;padding:0 1.2rem 3rem;color:var(--ink);background:#fff}
h1{font-size:1.7rem;margin:.6rem 0}h2{font-size:1.35rem;margin:1.6rem 0 .4rem;border-bottom:3px solid var(--rule)}h3{font-size:1.15rem;margin:1.1rem 0 .3rem;padding:.2rem .5rem;border-left:.6rem solid var(--rule)}
nav{position:sticky;top:0;z-index:2;background:#fff;border-bottom:2px solid var(--rule);padding:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
nav button{font:inherit;font-size:.9rem;padding:.15rem .7rem;border:2px solid var(--ink);border-radius:.3rem;background:#fff;cursor:pointer}
nav button:focus-visible{outline:3px solid #000;outline-offset:2px}
nav .count{min-width:6rem;text-align:center;font-variant-numeric:tabular-nums}
.legend span{padding:.1rem .6rem;border-radius:.25rem;border:1px solid var(--ink)}
table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%;table-layout:fixed}
td,th{border:1px solid #777;padding:.25rem .5rem;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#e8e8e8}
.mono,.hex,.ascii{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
.app{background:var(--app)}.tra{background:var(--tra)}.net{background:var(--net)}.link{background:var(--link)}.phy{background:var(--phy)}
h3.app{border-color:#cc79a7}h3.tra{border-color:#e69f00}h3.net{border-color:#009e73}h3.link{border-color:#0072b2}h3.phy{border-color:#b8a800}
.dump{display:flex;gap:1.5rem;flex-wrap:wrap;line-height:2}
.hex,.ascii{white-space:pre}.off{color:#444;margin-right:.8rem}
.b{padding:1px 2px;margin:0 1px;border-radius:3px;cursor:default}.ascii .b{margin:0;padding:1px 0}
.lit{outline:3px solid #000;background:#fff!important;font-weight:bold}
tr.lit td{background:#fff!important}
.origin{color:#333;font-size:.85em}.unexpected{color:#a00000;font-weight:bold}
.work p{margin:.15rem 0 .15rem 1rem}
.grow{display:flex;margin:.3rem 0 .8rem;border:2px solid var(--ink);max-width:100%}
.grow div{padding:.15rem .3rem;border-right:1px solid var(--ink);white-space:nowrap;overflow:hidden;text-overflow:ellipsis;min-width:2.5rem;text-align:center;font-size:.85em}
svg{width:100%;height:auto}svg text{font:13px system-ui,sans-serif}
rect.link{fill:var(--link)}rect.net{fill:var(--net)}rect.tra{fill:var(--tra)}rect.app{fill:var(--app)}
body.stepping section.step{display:none}body.stepping section.step.current{display:block}
@media print{
  html{font-size:10.5pt}nav{display:none}
  body.stepping section.step{display:block}
  section.step,table,.dump{break-inside:avoid-page}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .lit{outline:none;font-weight:normal}
}
"#;

/// Hover: a row lights its bytes, a byte lights its rows. Zoom: A−/A+ scale
/// every size (remembered). Step-through: ◀/▶, arrow keys, PageUp/PageDown,
/// Home/End show one section at a time; `#step=N` in the URL opens step N
/// (1-based), which is how a test (or a teacher's bookmark) drives it. The
/// state is mirrored in body[data-step]/[data-steps] for tests.
/// With #selftest in the URL the page checks hover itself and writes the
/// result into body[data-selftest].
pub const SCRIPT: &str = r#"
function ids(el){return (el.getAttribute('data-f')||'').split(' ').filter(Boolean)}
function light(list,on){list.forEach(function(id){document.querySelectorAll('[data-f~="'+id+'"]').forEach(function(e){e.classList.toggle('lit',on)})})}
document.querySelectorAll('[data-f]').forEach(function(el){
  el.addEventListener('mouseover',function(){light(ids(el),true)});
  el.addEventListener('mouseout',function(){light(ids(el),false)});
});
var zoom=1;
try{zoom=parseFloat(localStorage.getItem('stackviz-zoom'))||1}catch(e){}
function setZoom(z){zoom=Math.min(2.5,Math.max(.6,Math.round(z*10)/10));document.documentElement.style.setProperty('--z',zoom);document.body.setAttribute('data-zoom',zoom);try{localStorage.setItem('stackviz-zoom',zoom)}catch(e){}}
setZoom(zoom);
var steps=Array.prototype.slice.call(document.querySelectorAll('section.step'));
var current=-1;
function show(i){
  if(i<0){current=-1;document.body.classList.remove('stepping');steps.forEach(function(s){s.classList.remove('current')});}
  else{current=Math.min(steps.length-1,Math.max(0,i));document.body.classList.add('stepping');
    steps.forEach(function(s,k){s.classList.toggle('current',k===current)});window.scrollTo(0,0);}
  document.body.setAttribute('data-step',current+1);
  document.body.setAttribute('data-steps',steps.length);
  var c=document.getElementById('count');
  if(c){c.textContent=current<0?c.getAttribute('data-all'):(current+1)+' / '+steps.length+' · '+(steps[current].getAttribute('data-title')||'')}
}
function act(what){
  if(what==='next')show(current<0?0:current+1);
  else if(what==='prev')show(current<0?0:current-1);
  else if(what==='all')show(-1);
  else if(what==='in')setZoom(zoom+.1);
  else if(what==='out')setZoom(zoom-.1);
}
document.querySelectorAll('nav button[data-act]').forEach(function(b){b.addEventListener('click',function(){act(b.getAttribute('data-act'))})});
document.addEventListener('keydown',function(e){
  if(e.altKey||e.ctrlKey||e.metaKey)return;
  var k={ArrowRight:'next',PageDown:'next',' ':'next',ArrowLeft:'prev',PageUp:'prev',Escape:'all'}[e.key];
  if(e.key==='Home'){show(0);e.preventDefault();return}
  if(e.key==='End'){show(steps.length-1);e.preventDefault();return}
  if(k){act(k);e.preventDefault()}
});
var m=/step=(\d+)/.exec(location.hash);
show(m?parseInt(m[1],10)-1:-1);
if(location.hash==='#selftest'){
  var row=document.querySelector('tr[data-f]');
  row.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
  var bytes=document.querySelectorAll('.hex .b.lit').length;
  row.dispatchEvent(new MouseEvent('mouseout',{bubbles:true}));
  var after=document.querySelectorAll('.lit').length;
  var b=document.querySelector('.hex .b[data-f]');
  b.dispatchEvent(new MouseEvent('mouseover',{bubbles:true}));
  var rows=document.querySelectorAll('tr.lit').length;
  document.body.setAttribute('data-selftest','field:'+row.getAttribute('data-f')+' bytes:'+bytes+' cleared:'+(after===0)+' rows:'+rows);
}
"#;
