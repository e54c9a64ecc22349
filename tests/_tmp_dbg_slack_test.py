import json, time
import urllib.request
from tests.test_slack import SlackPerson, texts, api, servers, TOKEN
def test_dbg(api, servers):
    person = SlackPerson(api, servers)
    for a in ("my therapist keeps missing the point of what i say, she just doesn't get me","2", "no", "yes", "yes", "she said I was overreacting", "brushed off", "ask me more before deciding &lt;script&gt;alert(1)&lt;/script&gt; &amp; <@U123>"):
        posts = person.say(a)
        print(">>", a, "\n<<", texts(posts))
    url = f"{servers.rasa_url}/conversations/{person.user}/tracker?token={TOKEN}"
    t = json.loads(urllib.request.urlopen(url).read())
    print([ (e["event"], e.get("text")) for e in t["events"] if e["event"] in ("user",)])
    print(t["latest_message"])
