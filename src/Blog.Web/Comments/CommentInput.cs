using System.ComponentModel.DataAnnotations;

namespace Blog.Web.Comments;

/// <summary>What the comment form sends.</summary>
public sealed class CommentInput
{
    [Required(ErrorMessage = "Please give your name.")]
    [StringLength(Comment.MaxNameLength, ErrorMessage = "A name of up to {1} characters, please.")]
    [Display(Name = "Name")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Please give your email (it is never shown).")]
    [EmailAddress(ErrorMessage = "That does not look like an email address.")]
    [StringLength(Comment.MaxEmailLength)]
    [Display(Name = "Email")]
    public string Email { get; set; } = "";

    [StringLength(Comment.MaxUrlLength, ErrorMessage = "A website address of up to {1} characters, please.")]
    [Display(Name = "Website")]
    public string? Website { get; set; }

    [Required(ErrorMessage = "Please write your comment.")]
    [StringLength(Comment.MaxTextLength, ErrorMessage = "A comment of up to {1} characters, please.")]
    [Display(Name = "Comment")]
    public string Text { get; set; } = "";

    /// <summary>Email me replies to this comment (confirmed by an emailed link first).</summary>
    public bool NotifyReplies { get; set; }

    /// <summary>The comment this answers, if any.</summary>
    public int? ParentId { get; set; }

    /// <summary>The signed form token (<see cref="CommentFormToken"/>).</summary>
    public string? Token { get; set; }

    /// <summary>The honeypot: hidden from people, filled by robots that fill every field.</summary>
    public string? Homepage { get; set; }
}
