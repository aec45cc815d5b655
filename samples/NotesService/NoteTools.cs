using System.Text;
using SecureApi;
using SecureApi.AiGuards;
using SecureApi.AiGuards.Screening;
using SecureApi.Data;

namespace NotesService;

/// <summary>
/// The tools the assistant's model may call, made per request for its caller. Both read through the caller-scoped
/// <see cref="NoteStore"/> — the same store and the same owner filter in SQL as <c>GET /notes</c> — so a note of anyone
/// else is "not found" here exactly as it is a 404 there. Titles and bodies go to the model; the encrypted private note
/// and the moderation flag never do, and a note held in quarantine (its title matched an untrusted-text rule) is left
/// out of every prompt until a moderator releases it.
/// </summary>
public sealed class NoteTools
{
    private readonly List<Guid> _consulted = [];

    private readonly UntrustedTextQuarantine _quarantine;

    public NoteTools(NoteStore notes, UntrustedTextQuarantine quarantine, Caller caller)
    {
        _quarantine = quarantine;
        All = [new ListNotesTool(notes, caller, this), new GetNoteTool(notes, caller, this)];
    }

    public IReadOnlyList<CallerScopedTool> All { get; }

    /// <summary>The caller's notes the model has read so far, each once, in the order it read them.</summary>
    public IReadOnlyList<Guid> Consulted => _consulted;

    /// <summary>One note as the model sees it: each value on one line, so a body cannot start a line of its own.</summary>
    private static void Describe(StringBuilder text, Note note)
    {
        text.Append("note ").Append(note.Id).Append('\n')
            .Append("title: ").Append(OneLine(note.Title, 200)).Append('\n')
            .Append("body: ").Append(OneLine(note.Body ?? "", 1_000)).Append('\n'); // the caller's own notes: decrypted, never null
    }

    private static string OneLine(string value, int max)
    {
        var flat = value.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }

    private Task<bool> IsQuarantinedAsync(Guid id, CancellationToken cancellationToken) =>
        _quarantine.IsQuarantinedAsync("notes", id.ToString(), cancellationToken);

    private void Read(Guid id)
    {
        if (!_consulted.Contains(id))
        {
            _consulted.Add(id);
        }
    }

    private sealed class ListNotesTool(NoteStore notes, Caller caller, NoteTools owner)
        : CallerScopedTool(caller, """{"type":"object","properties":{"limit":{"type":"integer","minimum":1,"maximum":50,"description":"How many notes, newest first (default 20)."}}}""")
    {
        public override string Name => "list_notes";

        public override string Description => "Lists the caller's notes: id, title and body of each.";

        protected override async ValueTask<string> InvokeForCallerAsync(Caller caller, ToolArguments arguments, CancellationToken cancellationToken)
        {
            var limit = arguments.TryGetInt32("limit", out var asked) ? Math.Clamp(asked, 1, 50) : 20;
            var page = await notes.ListAsync(caller, new PageRequest { Limit = limit, Sort = "-createdAt" }, cancellationToken);
            if (page.Items.Count == 0)
            {
                return "The caller has no notes.";
            }

            var text = new StringBuilder();
            foreach (var note in page.Items)
            {
                if (await owner.IsQuarantinedAsync(note.Id, cancellationToken))
                {
                    continue;
                }

                owner.Read(note.Id);
                Describe(text, note);
            }

            return text.ToString();
        }
    }

    private sealed class GetNoteTool(NoteStore notes, Caller caller, NoteTools owner)
        : CallerScopedTool(caller, """{"type":"object","properties":{"id":{"type":"string","format":"uuid","description":"The note's id."}},"required":["id"]}""")
    {
        public override string Name => "get_note";

        public override string Description => "Reads one of the caller's notes by id.";

        protected override async ValueTask<string> InvokeForCallerAsync(Caller caller, ToolArguments arguments, CancellationToken cancellationToken)
        {
            if (!arguments.TryGetGuid("id", out var id))
            {
                return ToolArguments.Refusal("id must be a note id (a UUID).");
            }

            // Not the caller's and not there are one answer, as GET /notes/{id}'s 404 is.
            if (await notes.FindAsync(caller, id, cancellationToken) is not { } note)
            {
                return "not found: the caller has no note with that id.";
            }

            if (await owner.IsQuarantinedAsync(note.Id, cancellationToken))
            {
                return "withheld: that note is held for moderation.";
            }

            owner.Read(note.Id);
            var text = new StringBuilder();
            Describe(text, note);
            return text.ToString();
        }
    }
}
