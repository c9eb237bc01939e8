"""Valid quiz bodies shared by the unit tests."""

BASE = "id: q1\ndifficulty: easy\nquestion: Q?\nexplanation: Because.\n"

VALID = {
    "single": "type: single\noptions:\n  - text: a\n    correct: true\n  - text: b\n    feedback: nope\n",
    "multiple": "type: multiple\noptions:\n  - {text: a, correct: true}\n  - {text: b, correct: true}\n  - {text: c}\n",
    "truefalse": "type: truefalse\nanswer: false\nfeedback:\n  true: tempting\n",
    "order": "type: order\nitems: [one, two, three]\n",
    "blanks": 'type: blanks\ncode: "x = {{1}}"\nblanks:\n  1:\n    options: ["1", 2]\n    answer: "1"\n',
    "text": "type: text\naccept: [' reset_state() ', reset_state]\ncase_sensitive: false\n",
    "output": 'type: output\ncode: print(1)\noptions:\n  - text: 1\n    correct: true\n  - text: "2  \\n"\n',
}
