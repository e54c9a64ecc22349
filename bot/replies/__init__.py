"""What the person reads: domain responses rendered inside the Rasa server.

``nlg`` fills in the crisis lines and other facts of the person's country and
keeps long replies from going out twice, in-process, so that the crisis reply
arrives even when the action server is down. It may import ``bot.common``,
``bot.understanding``, ``bot.dialogue`` and ``bot.store`` (the country a
person chose to keep); not serve or channels.
"""
