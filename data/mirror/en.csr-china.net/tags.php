<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tags - CSR-China</title>
</head>
<body>
<div id="header"><div class="logo"><a href="/"><img src="/templets/default/images/logo.gif" alt="CSR-China" /></a></div>
<ul id="nav"><li><a href="/">Home</a></li><li><a href="/a/knowledge/CSRNews/">CSR News</a></li><li><a href="/a/knowledge/Report/">CSR Reports</a></li><li><a href="/a/about/">About Us</a></li><li><a href="http://www.csr-china.net/">中文</a></li></ul></div>
<div class="content"><h2>Tags</h2><p><a href="/tags.php?/Belt+and+Road/">Belt and Road</a> <a href="/tags.php?/COVID-19/">COVID-19</a> <a href="/tags.php?/CSR+Europe/">CSR Europe</a> <a href="/tags.php?/CSR+report/">CSR report</a> <a href="/tags.php?/CSRD/">CSRD</a> <a href="/tags.php?/ESG/">ESG</a> <a href="/tags.php?/Golden+Bee/">Golden Bee</a> <a href="/tags.php?/ISSB/">ISSB</a> <a href="/tags.php?/SDGs/">SDGs</a> <a href="/tags.php?/Top+10+CSR+Events/">Top 10 CSR Events</a> <a href="/tags.php?/automotive/">automotive</a> <a href="/tags.php?/biodiversity/">biodiversity</a> <a href="/tags.php?/carbon+market/">carbon market</a> <a href="/tags.php?/carbon+neutrality/">carbon neutrality</a> <a href="/tags.php?/climate/">climate</a> <a href="/tags.php?/csr+europe/">csr europe</a> <a href="/tags.php?/decarbonization/">decarbonization</a> <a href="/tags.php?/disclosure/">disclosure</a> <a href="/tags.php?/education/">education</a> <a href="/tags.php?/forestry/">forestry</a> <a href="/tags.php?/interview/">interview</a> <a href="/tags.php?/leadership/">leadership</a> <a href="/tags.php?/philanthropy/">philanthropy</a> <a href="/tags.php?/poverty+alleviation/">poverty alleviation</a> <a href="/tags.php?/rural+revitalization/">rural revitalization</a> <a href="/tags.php?/sharing+economy/">sharing economy</a> <a href="/tags.php?/shipping/">shipping</a> <a href="/tags.php?/supply+chain/">supply chain</a> <a href="/tags.php?/textile/">textile</a> <a href="/tags.php?/volunteering/">volunteering</a> <a href="/tags.php?/women/">women</a></p></div>
<div class="footer"><p>GoldenBee Official WeChat</p><img src="/templets/default/images/wechat.gif" alt="" /><p>Copyright © Csr-china.net All Right Reserved.</p><p>Power by DedeCms</p></div>
</body>
</html>
