import html
def format_quiz(source, language, css_class, options, md, **kwargs):
    return f'<pre class="quiz">{html.escape(source)}</pre>'
